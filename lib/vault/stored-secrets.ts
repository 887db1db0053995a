import "server-only";

/**
 * Every sealed secret in the database, as (table, record, field) with a way to write a
 * re-sealed value back only if nobody changed it meanwhile. Used by vault:rotate and
 * vault:check (lib/vault/maintenance.ts): a new sealed column needs adding here once.
 */
import { db } from "@/lib/db";

export interface SealedRef {
  table: string;
  recordId: string;
  field: string;
  sealed: string;
  /** Writes `next` if the stored value is still `sealed`; false when it changed (a rotation in the app, say). */
  replace(next: string): Promise<boolean>;
}

export async function* sealedSecrets(): AsyncGenerator<SealedRef> {
  const credentials = await db.merchantCredential.findMany({ select: { id: true, keySealed: true, pinSealed: true } });
  for (const row of credentials) {
    for (const [field, column] of [["key", "keySealed"], ["pin", "pinSealed"]] as const) {
      const sealed = row[column];
      yield {
        table: "MerchantCredential",
        recordId: row.id,
        field,
        sealed,
        replace: async (next) => (await db.merchantCredential.updateMany({ where: { id: row.id, [column]: sealed }, data: { [column]: next } })).count === 1,
      };
    }
  }

  const installation = await db.installationSecret.findMany({ select: { name: true, valueSealed: true } });
  for (const row of installation) {
    yield {
      table: "InstallationSecret",
      recordId: row.name,
      field: "value",
      sealed: row.valueSealed,
      replace: async (next) => (await db.installationSecret.updateMany({ where: { name: row.name, valueSealed: row.valueSealed }, data: { valueSealed: next } })).count === 1,
    };
  }

  const webhooks = await db.usaepayWebhookSetting.findMany({ select: { merchantAccountId: true, signatureKeySealed: true } });
  for (const row of webhooks) {
    const sealed = row.signatureKeySealed;
    yield {
      table: "UsaepayWebhookSetting",
      recordId: row.merchantAccountId,
      field: "signatureKey",
      sealed,
      replace: async (next) =>
        (await db.usaepayWebhookSetting.updateMany({ where: { merchantAccountId: row.merchantAccountId, signatureKeySealed: sealed }, data: { signatureKeySealed: next } })).count === 1,
    };
  }

  // Staff TOTP secrets (lib/auth/two-factor.ts), bound to their user's id.
  const twoFactor = await db.userTwoFactor.findMany({ select: { userId: true, secretSealed: true } });
  for (const row of twoFactor) {
    yield {
      table: "UserTwoFactor",
      recordId: row.userId,
      field: "secret",
      sealed: row.secretSealed,
      replace: async (next) => (await db.userTwoFactor.updateMany({ where: { userId: row.userId, secretSealed: row.secretSealed }, data: { secretSealed: next } })).count === 1,
    };
  }

  const accessIds = await db.clientpayAccessId.findMany({ where: { valueSealed: { not: null } }, select: { merchantAccountId: true, valueSealed: true } });
  for (const row of accessIds) {
    const sealed = row.valueSealed!;
    yield {
      table: "ClientpayAccessId",
      recordId: row.merchantAccountId,
      field: "value",
      sealed,
      replace: async (next) =>
        (await db.clientpayAccessId.updateMany({ where: { merchantAccountId: row.merchantAccountId, valueSealed: sealed }, data: { valueSealed: next } })).count === 1,
    };
  }

  // ClientPay request IDs that are sent again: a money attempt's (its reconciliation searches by it)
  // and a hosted page's (Expire Payment Page and the search by request ID send it).
  const attempts = await db.moneyAttempt.findMany({ where: { requestIdSealed: { not: null } }, select: { id: true, requestIdSealed: true } });
  for (const row of attempts) {
    const sealed = row.requestIdSealed!;
    yield {
      table: "MoneyAttempt",
      recordId: row.id,
      field: "requestId",
      sealed,
      replace: async (next) => (await db.moneyAttempt.updateMany({ where: { id: row.id, requestIdSealed: sealed }, data: { requestIdSealed: next } })).count === 1,
    };
  }

  const pages = await db.clientpayPage.findMany({ select: { id: true, requestIdSealed: true } });
  for (const row of pages) {
    yield {
      table: "ClientpayPage",
      recordId: row.id,
      field: "requestId",
      sealed: row.requestIdSealed,
      replace: async (next) => (await db.clientpayPage.updateMany({ where: { id: row.id, requestIdSealed: row.requestIdSealed }, data: { requestIdSealed: next } })).count === 1,
    };
  }
}
