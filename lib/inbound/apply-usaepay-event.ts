import "server-only";
import type { Db } from "@/lib/db";
import type { UsaepayBatch, UsaepayTransaction, UsaepayWebhookEvent } from "@/lib/payments/usaepay";
import { transactionRow, transactionSearch, type TransactionRow } from "@/lib/sync/mirror-rows";
import { upsertTransactionRows } from "@/lib/sync/mirror-store";

/**
 * What one verified USAePay event does to the mirror (docs/usaepay-api.md, "Webhooks" and
 * "Interpretations" 11). Deliveries are concurrent, unordered and retried for days, so each
 * event carries the instant it describes (event_triggered) and never replaces a row the
 * mirror knows as of a later instant (a newer event, a sync page read after it).
 */
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type ApplyOutcome = "applied" | "stale" | "ignored";

/**
 * Event objects are a subset of the REST transaction: on a row the mirror has, only the fields
 * the event carries change; a row it has not (a new sale or refund) is inserted from them.
 */
function mergedRow(merchantAccountId: string, tx: UsaepayTransaction, existing: TransactionRow | null): TransactionRow {
  const fresh = transactionRow(merchantAccountId, tx);
  if (!existing) return fresh;
  const merged: TransactionRow = { ...existing };
  for (const [column, value] of Object.entries(fresh) as [keyof TransactionRow, TransactionRow[keyof TransactionRow]][]) {
    if (value === null || column === "search") continue;
    if (column === "amountCents" && tx.amountCents === undefined) continue;
    if (column === "createdAt" && tx.createdAt === undefined) continue;
    (merged as Record<string, unknown>)[column] = value;
  }
  return { ...merged, search: transactionSearch(merged) };
}

async function applyTransaction(tx: Tx, merchantAccountId: string, transaction: UsaepayTransaction, stateAt: Date): Promise<ApplyOutcome> {
  const found = await tx.mirrorTransaction.findUnique({ where: { merchantAccountId_key: { merchantAccountId, key: transaction.key } } });
  if (found?.stateAt && found.stateAt > stateAt) return "stale";
  // The stored outcome is one the mapper wrote (a TransactionOutcome); the database only knows it as text.
  const existing = found ? ((({ syncedAt: _syncedAt, stateAt: _stateAt, ...row }) => row)(found) as TransactionRow) : null;
  await upsertTransactionRows(tx, [mergedRow(merchantAccountId, transaction, existing)], stateAt);
  return "applied";
}

/** A closed batch settles its pending transactions (implied by the event, not sent one by one). */
async function applyBatch(tx: Tx, merchantAccountId: string, eventType: string, batch: UsaepayBatch, stateAt: Date): Promise<ApplyOutcome> {
  if (eventType !== "settlement.batch.success") return "ignored";
  await tx.mirrorTransaction.updateMany({
    where: { merchantAccountId, batchKey: batch.key, statusCode: "P", OR: [{ stateAt: null }, { stateAt: { lte: stateAt } }] },
    data: { statusCode: "S", statusLabel: "Settled", stateAt },
  });
  return "applied";
}

export async function applyUsaepayEvent(tx: Tx, merchantAccountId: string, event: UsaepayWebhookEvent, receivedAt: Date): Promise<ApplyOutcome> {
  const stateAt = event.triggeredAt ? new Date(event.triggeredAt) : receivedAt;
  if (event.kind === "transaction") return applyTransaction(tx, merchantAccountId, event.transaction, stateAt);
  if (event.kind === "batch") return applyBatch(tx, merchantAccountId, event.eventType, event.batch, stateAt);
  return "ignored";
}

export function objectKeyOf(event: UsaepayWebhookEvent): string | null {
  if (event.kind === "transaction") return event.transaction.key;
  if (event.kind === "batch") return event.batch.key;
  return null;
}
