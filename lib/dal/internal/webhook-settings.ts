import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { WEBHOOK_TABLE } from "@/lib/gateways/clients";
import type { RequestMeta } from "@/lib/request-meta";
import { sealSecret } from "@/lib/vault";

/**
 * Writes of an account's USAePay webhook signature key, sealed like every other secret (associated
 * data: this account's id), without a permission check: the public DAL and the demo seed call it.
 */
export async function storeWebhookSignatureKey(merchantId: string, signatureKey: string, audit: { actor: Viewer | null; meta?: RequestMeta }): Promise<string> {
  const sealed = sealSecret(signatureKey, WEBHOOK_TABLE, merchantId, "signatureKey");
  const updatedById = audit.actor?.id ?? null;
  // Read before the transaction, which starts with its write: on SQLite a transaction that reads
  // first cannot take the write lock once the sync has written meanwhile ("database is locked").
  const before = await db.usaepayWebhookSetting.findUnique({ where: { merchantAccountId: merchantId }, select: { signatureKeyHint: true } });
  await db.$transaction(async (tx) => {
    await tx.usaepayWebhookSetting.upsert({
      where: { merchantAccountId: merchantId },
      create: { merchantAccountId: merchantId, signatureKeySealed: sealed.sealed, signatureKeyHint: sealed.hint, updatedById },
      update: { signatureKeySealed: sealed.sealed, signatureKeyHint: sealed.hint, updatedById },
    });
    await recordAuditEvent(
      { actor: audit.actor, action: "merchant.webhook.set", targetType: "merchant", targetId: merchantId, meta: audit.meta, details: { before: before?.signatureKeyHint ?? null, after: sealed.hint } },
      tx,
    );
  });
  return sealed.hint;
}

/** Webhooks with a stored signature key: the sync of such an account is a slow safety net. */
export const WEBHOOKS_ON = { usaepayWebhook: { isNot: null } } as const;
