import "server-only";
import { db } from "@/lib/db";
import type { UsaepayBatch, UsaepayClient, UsaepayTransaction } from "@/lib/payments/usaepay";
import { writeBatchDetail } from "@/lib/sync/mirror-batches";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { upsertMirrorTransaction } from "@/lib/sync/refund-links";
import { reconcileMoneyAttempt, type Lookup, type MoneyAttemptDto, type Tx } from "../money-attempts";
import { moneyCall, type MoneyContext, type UsaepayOperation } from "./context";
import { settleBatchClose, writeBatchClosed } from "./batch-close";
import { MESSAGES, settleAnswer } from "./settle";

/**
 * "Check the outcome" of a USAePay money call whose answer never came (docs/usaepay-api.md,
 * "Interpretations" 12): read, never send again. A refund is looked for among the original's
 * linked refunds (or, when the gateway lists none, among the newest transactions: same amount,
 * same card, made since the attempt started); a void, capture or adjustment shows on the
 * original itself; a charge among the customer's transactions; a batch close on the batch.
 * Each read may run more than once; only the first settles the attempt.
 */
interface Attempt {
  id: string;
  targetKey: string;
  amountCents: number | null;
  startedAt: Date;
}

/** Gateway clocks and ours differ a little; a match may be slightly older than the attempt. */
const CLOCK_SLACK_MS = 5 * 60_000;

const madeSince = (tx: { createdAt?: string }, attempt: Attempt) => !tx.createdAt || Date.parse(tx.createdAt) >= attempt.startedAt.getTime() - CLOCK_SLACK_MS;

/** Results other attempts already account for, so one gateway record never settles two attempts. */
async function claimedKeys(merchantId: string, operation: string, targetKey: string): Promise<Set<string>> {
  const rows = await db.moneyAttempt.findMany({ where: { merchantAccountId: merchantId, gateway: "usaepay", operation, targetKey, status: { in: ["succeeded", "declined"] }, resultKey: { not: null } }, select: { resultKey: true } });
  return new Set(rows.map((row) => row.resultKey as string));
}

type Found = { rows: UsaepayTransaction[] };

function writeRows(merchantId: string) {
  return async (tx: Tx, found: Found) => {
    for (const row of found.rows) await upsertMirrorTransaction(tx, transactionRow(merchantId, row));
  };
}

async function lookupRefund(client: UsaepayClient, merchantId: string, attempt: Attempt): Promise<Lookup<Found>> {
  const original = await client.getTransaction(attempt.targetKey);
  const claimed = await claimedKeys(merchantId, "refund", attempt.targetKey);
  const wanted = (candidate: { key: string; amountCents?: number; createdAt?: string }) =>
    !claimed.has(candidate.key) && candidate.amountCents === attempt.amountCents && madeSince(candidate, attempt);
  let refund: UsaepayTransaction | undefined;
  if (original.refunds) {
    const link = original.refunds.find((candidate) => !candidate.voided && wanted(candidate));
    refund = link ? await client.getTransaction(link.key) : undefined;
  } else {
    const recent = await client.listTransactions({ limit: 100 });
    refund = recent.items.find((tx) => (tx.typeCode === "C" || tx.typeCode === "R") && tx.card?.last4 === original.card?.last4 && wanted(tx));
  }
  if (!refund) return { found: false };
  const linked = { ...refund, refundOf: refund.refundOf ?? { key: original.key, refnum: original.refnum } };
  return { found: true, result: { rows: [original, linked] }, settlement: settleAnswer(refund, MESSAGES.refund(attempt.amountCents ?? 0)) };
}

async function lookupOnOriginal(client: UsaepayClient, operation: "void" | "capture" | "adjust", attempt: Attempt): Promise<Lookup<Found>> {
  const original = await client.getTransaction(attempt.targetKey);
  const done =
    operation === "void"
      ? original.statusCode === "V" || original.statusCode === "R"
      : operation === "capture"
        ? original.typeCode !== "A" && original.statusCode !== "N"
        : original.amountCents === attempt.amountCents;
  // Nothing to apply when it did not happen, but the fresh copy still replaces the mirror's.
  if (!done) return { found: false, message: `Checked with USAePay: the ${operation} did not happen, so nothing was changed. You may try again.` };
  const message = operation === "void" ? MESSAGES.void(original.statusCode === "R")() : operation === "capture" ? MESSAGES.capture(original.amountCents ?? 0)() : MESSAGES.adjust(original.amountCents ?? 0)();
  return { found: true, result: { rows: [original] }, settlement: { status: "succeeded", resultRef: original.refnum, resultKey: original.key, resultCode: original.resultCode, message } };
}

async function lookupCharge(client: UsaepayClient, merchantId: string, attempt: Attempt): Promise<Lookup<Found>> {
  const recent = await client.listCustomerTransactions(attempt.targetKey, { limit: 50 });
  const claimed = await claimedKeys(merchantId, "charge", attempt.targetKey);
  const charge = recent.items.find((tx) => (tx.typeCode === "S" || tx.typeCode === "K") && !claimed.has(tx.key) && (tx.amountCents === attempt.amountCents || tx.authAmountCents === attempt.amountCents) && madeSince(tx, attempt));
  if (!charge) return { found: false };
  return { found: true, result: { rows: [charge] }, settlement: settleAnswer(charge, MESSAGES.charge(attempt.amountCents ?? 0)) };
}

/** Settles an unknown USAePay attempt of this account from what the gateway shows now. */
export async function reconcileUsaepayAttempt(ctx: MoneyContext, attemptId: string, operation: UsaepayOperation): Promise<MoneyAttemptDto> {
  // Each look-up is one grant of the budget (a refund's look-up may read twice).
  const withClient = <T>(run: (client: UsaepayClient) => Promise<T>) => moneyCall(ctx, run);
  const common = { viewer: ctx.viewer, meta: ctx.meta, merchantId: ctx.merchant.id, attemptId, now: ctx.now };
  if (operation === "batch_close") {
    return reconcileMoneyAttempt<UsaepayBatch>({
      ...common,
      targetType: "batch",
      lookup: async (attempt) => {
        const batch = await withClient((client) => client.getBatch(attempt.targetKey));
        return batch.status === "open" ? { found: false, message: "Checked with USAePay: the batch is still open, so it was not closed. You may try again." } : { found: true, result: batch, settlement: settleBatchClose(batch) };
      },
      applyToMirror: async (tx, batch) => {
        await writeBatchDetail(ctx.merchant.id, batch, tx);
        await writeBatchClosed(tx, ctx.merchant.id, batch.key, ctx.now?.() ?? new Date());
      },
    });
  }
  const lookup =
    operation === "refund"
      ? (attempt: Attempt) => withClient((client) => lookupRefund(client, ctx.merchant.id, attempt))
      : operation === "charge"
        ? (attempt: Attempt) => withClient((client) => lookupCharge(client, ctx.merchant.id, attempt))
        : (attempt: Attempt) => withClient((client) => lookupOnOriginal(client, operation, attempt));
  return reconcileMoneyAttempt<Found>({
    ...common,
    targetType: operation === "charge" ? "customer" : "transaction",
    lookup,
    applyToMirror: writeRows(ctx.merchant.id),
  });
}
