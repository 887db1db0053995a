import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { AccessIdState } from "@/lib/validation/access-ids";
import { openSecret, sealSecret } from "@/lib/vault";
import { VaultOpenError } from "@/lib/vault/seal";

/**
 * The stored ClientPay accessId of a merchant account: sealed with the row's merchant id in
 * its associated data, with a last-4 hint beside it so pages never decrypt to display.
 * The value is opened only here, just before a ClientPay call.
 */
export const ACCESS_ID_TABLE = "ClientpayAccessId";
const FIELD = "value";

type Writer = Pick<typeof db, "clientpayAccessId">;

function sealAccessId(merchantId: string, value: string) {
  return sealSecret(value, ACCESS_ID_TABLE, merchantId, FIELD);
}

/** The stored id in clear, or null when none is stored (never issued, or expired). */
export async function openStoredAccessId(merchantId: string): Promise<string | null> {
  const row = await db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchantId }, select: { valueSealed: true } });
  if (!row?.valueSealed) return null;
  try {
    return openSecret(row.valueSealed, ACCESS_ID_TABLE, merchantId, FIELD);
  } catch (error) {
    if (!(error instanceof VaultOpenError)) throw error;
    logger.error({ table: ACCESS_ID_TABLE, recordId: merchantId, reason: error.message }, "vault: the stored access id did not open");
    throw new AppError("vault_open_failed", "This account's stored access ID could not be opened. An admin can recover it from ClientPay.", { cause: error });
  }
}

export const NO_ACCESS_ID_MESSAGE = "This account has no usable ClientPay access ID, so ClientPay calls will fail until an admin issues one with “Issue access ID”.";

export interface StoredIdFields {
  state: AccessIdState;
  issuedAt?: Date | null;
  issuedByEmail?: string | null;
  checkedAt?: Date | null;
  checkedByEmail?: string | null;
}

/** Stores a new id (sealed) with its metadata, replacing whatever was stored. */
export async function storeAccessId(client: Writer, merchantId: string, value: string, fields: StoredIdFields): Promise<string> {
  const sealed = sealAccessId(merchantId, value);
  const data = { valueSealed: sealed.sealed, valueHint: sealed.hint, ...fields };
  await client.clientpayAccessId.upsert({ where: { merchantAccountId: merchantId }, create: { merchantAccountId: merchantId, ...data }, update: data });
  return sealed.hint;
}

/** Records a check's result on the stored row (the value itself is untouched). */
export async function markAccessIdState(client: Writer, merchantId: string, state: AccessIdState, checkedByEmail: string | null): Promise<void> {
  await client.clientpayAccessId.updateMany({ where: { merchantAccountId: merchantId }, data: { state, checkedAt: new Date(), checkedByEmail } });
}

/** Drops the value (keeping its hint for the record): ClientPay calls fail until a new id is stored. */
export async function clearAccessId(client: Writer, merchantId: string, state: AccessIdState, checkedByEmail: string | null): Promise<void> {
  const data = { valueSealed: null, state, checkedAt: new Date(), checkedByEmail };
  await client.clientpayAccessId.upsert({ where: { merchantAccountId: merchantId }, create: { merchantAccountId: merchantId, ...data }, update: data });
}
