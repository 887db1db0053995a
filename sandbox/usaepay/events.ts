/**
 * State changes the emulator reports as webhooks (docs/usaepay-api.md, "Webhooks"). The store and
 * the commands emit these; the webhook dispatcher turns each into one signed delivery.
 */
export const TRANSACTION_EVENT_TYPES = [
  "transaction.sale.success",
  "transaction.sale.failure",
  "transaction.sale.voided",
  "transaction.sale.captured",
  "transaction.sale.adjusted",
  "transaction.sale.unvoided",
  "transaction.refund.success",
  "transaction.refund.voided",
] as const;

export const BATCH_EVENT_TYPES = ["settlement.batch.success"] as const;

export type TransactionEventType = (typeof TRANSACTION_EVENT_TYPES)[number];
export type BatchEventType = (typeof BATCH_EVENT_TYPES)[number];

/** What changed, as the webhook's `changes.old` / `changes.new` show it (wire field names). */
export interface EventChanges {
  old: Record<string, unknown>;
  new: Record<string, unknown>;
}

export type StoreEvent =
  | { type: TransactionEventType; txIndex: number; changes?: EventChanges }
  | { type: BatchEventType; batchIndex: number; changes?: EventChanges };
