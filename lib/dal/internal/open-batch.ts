import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_TIME_ZONE, nextDailyTime } from "@/lib/time-zone";
import { batchKindTotals } from "./overview-aggregates";

/**
 * The open batch of an account as the transactions mirror shows it: the batch of the newest
 * transaction still pending settlement, its running total (sales − refunds; voids are not in
 * it, docs/usaepay-api.md, Batches) and when it closes — the account's daily cut-off in its
 * business zone. Seam: once the batches mirror exists (/m/<account>/batches), read the open
 * batch's totals and its `scheduled` close from there instead; the overview only needs this shape.
 */
export interface OpenBatchDto {
  batchRefnum: string | null;
  totalCents: number;
  salesCents: number;
  refundCents: number;
  count: number;
  /** ISO instant of the next cut-off; null when the account has none set. */
  closesAt: string | null;
}

export interface BatchAccount {
  id: string;
  businessTimeZone: string | null;
  batchCloseTime: string | null;
}

export async function openBatchOf(account: BatchAccount, now: Date): Promise<OpenBatchDto | null> {
  const newest = await db.mirrorTransaction.findFirst({
    where: { merchantAccountId: account.id, statusCode: "P", batchKey: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { batchKey: true, batchRefnum: true },
  });
  if (!newest?.batchKey) return null;
  const kinds = await batchKindTotals(account.id, newest.batchKey);
  const of = (kind: string) => kinds.find((row) => row.kind === kind) ?? { count: 0, cents: 0 };
  const sales = of("sale");
  const refunds = of("refund");
  return {
    batchRefnum: newest.batchRefnum,
    salesCents: sales.cents,
    refundCents: refunds.cents,
    totalCents: sales.cents - refunds.cents,
    count: sales.count + refunds.count + of("voided").count,
    closesAt: account.batchCloseTime ? nextDailyTime(account.batchCloseTime, account.businessTimeZone ?? DEFAULT_TIME_ZONE, now).toISOString() : null,
  };
}
