import "server-only";
import { AppError } from "@/lib/errors";
import { formatCents } from "@/lib/format";
import { isGatewayError } from "@/lib/payments/http";
import type { UsaepayBatch } from "@/lib/payments/usaepay";
import { writeBatchDetail } from "@/lib/sync/mirror-batches";
import { runMoneyAttempt, type MoneyAttemptDto, type Settlement, type Tx } from "../money-attempts";
import { moneyCall, OPERATIONS, type MoneyContext } from "./context";

/**
 * Closing the open batch early (admins): POST /batches/current/close answers "closing" and the
 * batch is closed right after; its transactions turn from pending to settled and the next
 * transaction opens a new batch (docs/usaepay-api.md, "Batches" and Interpretations 7). It is not
 * safe to repeat, so it goes through the money machinery like a refund: once, audited, and an
 * answer that never came is reconciled by reading the batch.
 */
export function settleBatchClose(batch: UsaepayBatch): Settlement {
  if (batch.status === "closing" || batch.status === "closed") {
    return { status: "succeeded", resultRef: batch.refnum ?? null, resultKey: batch.key, resultCode: batch.status, message: `Batch ${batch.refnum ?? batch.key} is closed: its transactions settle now.`, details: { statusAfter: "closed" } };
  }
  return { status: "failed", resultKey: batch.key, resultCode: batch.status, message: "USAePay did not close the batch. Nothing was changed." };
}

/** The mirror at once: the batch closed, its pending transactions settled. */
export async function writeBatchClosed(tx: Tx, merchantAccountId: string, batchKey: string, closedAt: Date): Promise<void> {
  await tx.mirrorBatch.updateMany({ where: { merchantAccountId, key: batchKey }, data: { status: "closed", closedAt } });
  await tx.mirrorTransaction.updateMany({ where: { merchantAccountId, batchKey, statusCode: "P" }, data: { statusCode: "S", statusLabel: "Settled" } });
}

export function closeBatchOnce(ctx: MoneyContext, input: { batchKey: string; token: string }): Promise<MoneyAttemptDto> {
  const now = ctx.now ?? (() => new Date());
  return runMoneyAttempt<UsaepayBatch>({
    viewer: ctx.viewer,
    meta: ctx.meta,
    merchantId: ctx.merchant.id,
    gateway: "usaepay",
    operation: "batch_close",
    targetKey: input.batchKey,
    targetType: "batch",
    token: input.token,
    details: { command: OPERATIONS.batch_close.command },
    guard: async () => {
      // The form names the batch it showed; close only if that is still the open one.
      // No open batch answers "not found" (40027); any other failure stops the close as unchecked.
      const current = await moneyCall(ctx, (client) => client.getBatch("current")).catch((error: unknown) => {
        if (isGatewayError(error) && error.kind === "not_found") return null;
        throw error;
      });
      if (!current || current.key !== input.batchKey || current.status !== "open") {
        throw new AppError("batch_changed", "That batch is no longer the open one (it may have closed already). Reload the page.");
      }
      await writeBatchDetail(ctx.merchant.id, current);
      return { batch: current.refnum ?? current.key, statusBefore: "open", transactions: current.totalCount ?? null, netBefore: current.netCents === undefined ? null : formatCents(current.netCents) };
    },
    send: () => moneyCall(ctx, (client) => client.closeCurrentBatch()),
    settle: settleBatchClose,
    applyToMirror: (tx, batch) => writeBatchClosed(tx, ctx.merchant.id, batch.key || input.batchKey, now()),
    now: ctx.now,
  });
}
