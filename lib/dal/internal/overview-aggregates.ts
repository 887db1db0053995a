import "server-only";
import { db, Prisma } from "@/lib/db";
import { shiftDay, startOfNextZonedDay, startOfZonedDay, zonedDay } from "@/lib/time-zone";
import { MONEY_IN_TYPES, MONEY_OUT_TYPES } from "@/lib/validation/transaction-types";

/**
 * The overview's numbers, computed in the database from the transactions mirror: one grouped
 * query over the last 30 days (days in the given zone, DST-correct: each day's bounds are
 * computed here and sent as parameters, so the SQL is the same on SQLite and PostgreSQL) and
 * one for decline reasons. The covering index on (account, createdAt, result, kind, brand,
 * amount) serves the first without reading the table.
 *
 * What counts (docs/usaepay-api.md, Transactions): a *sale* is an approved charge that is not a
 * refund, not voided and not an authorization only; *gross* is the sum of sales; *refunds* are
 * approved, unvoided refunds (card credits and check refunds); *net* = gross − refunds; the
 * *approval rate* is approved charges over approved, declined and failed charges.
 */
export const OVERVIEW_DAYS = 30;

export type TransactionKind = "sale" | "auth" | "voided" | "refund" | "declined" | "error" | "other";

const list = (codes: readonly string[]) => Prisma.join(codes.map((code) => Prisma.sql`${code}`));

/**
 * A row's kind for the overview, in SQL: the outcome first, then the stored transaction type
 * (MirrorTransaction.kind, decided once by lib/validation/transaction-types.ts, as the table's
 * Type column and totals row use it), so the overview and the table count the same rows.
 */
const KIND = Prisma.sql`CASE
  WHEN "resultCode" = 'D' THEN 'declined'
  WHEN "resultCode" = 'E' THEN 'error'
  WHEN "resultCode" NOT IN ('A', 'P') THEN 'other'
  WHEN "kind" = 'void' THEN 'voided'
  WHEN "kind" IN (${list(MONEY_OUT_TYPES)}) THEN 'refund'
  WHEN "kind" = 'auth-only' THEN 'auth'
  WHEN "kind" IN (${list(MONEY_IN_TYPES)}) THEN 'sale'
  ELSE 'other' END`;

/** The instants days[i] begins (and, last, when the final day ends), in `zone`. */
export function dayBounds(now: Date, zone: string, count = OVERVIEW_DAYS): { days: string[]; starts: Date[] } {
  const today = zonedDay(now, zone);
  const days = Array.from({ length: count }, (_, index) => shiftDay(today, index - count + 1));
  return { days, starts: [...days.map((day) => startOfZonedDay(day, zone)), startOfNextZonedDay(today, zone)] };
}

/**
 * Which day (index into the bounds) a row's createdAt falls on, in SQL: a binary search of nested
 * CASEs, so each row is compared about log2(30) ≈ 5 times rather than up to 30.
 */
export function bucketOf(starts: Date[], lo = 0, hi = starts.length - 1): Prisma.Sql {
  if (hi - lo === 1) return Prisma.raw(String(lo));
  const mid = (lo + hi) >> 1;
  return Prisma.sql`CASE WHEN "createdAt" < ${starts[mid]} THEN ${bucketOf(starts, lo, mid)} ELSE ${bucketOf(starts, mid, hi)} END`;
}

export interface KindRow {
  day: number;
  kind: TransactionKind;
  brand: string | null;
  count: number;
  cents: number;
}

export interface ReasonRow {
  day: number;
  reason: string;
  count: number;
}

// SQLite answers integers, PostgreSQL bigints for COUNT and SUM: one reading for both.
const toNumber = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/**
 * Count and sum of |amount| per day, kind and card brand for the accounts. Amounts are taken
 * absolute so a mirror that stores refunds as negative amounts sums the same.
 */
export async function kindTotals(accountIds: string[], starts: Date[]): Promise<KindRow[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.$queryRaw<{ day: unknown; kind: string; brand: string | null; count: unknown; cents: unknown }[]>(Prisma.sql`
    SELECT ${bucketOf(starts)} AS "day", ${KIND} AS "kind", "cardBrand" AS "brand", COUNT(*) AS "count", SUM(ABS("amountCents")) AS "cents"
    FROM "MirrorTransaction"
    WHERE "merchantAccountId" IN (${list(accountIds)}) AND "createdAt" >= ${starts[0]} AND "createdAt" < ${starts[starts.length - 1]}
    GROUP BY 1, 2, 3`);
  return rows.map((row) => ({ day: toNumber(row.day), kind: row.kind as TransactionKind, brand: row.brand, count: toNumber(row.count), cents: toNumber(row.cents) }));
}

/** Declines and failures per day and gateway message (the reason the cardholder's bank or the gateway gave). */
export async function declineReasons(accountIds: string[], starts: Date[]): Promise<ReasonRow[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.$queryRaw<{ day: unknown; reason: string | null; count: unknown }[]>(Prisma.sql`
    SELECT ${bucketOf(starts)} AS "day", "errorMessage" AS "reason", COUNT(*) AS "count"
    FROM "MirrorTransaction"
    WHERE "merchantAccountId" IN (${list(accountIds)}) AND "createdAt" >= ${starts[0]} AND "createdAt" < ${starts[starts.length - 1]} AND "resultCode" IN ('D', 'E')
    GROUP BY 1, 2`);
  return rows.map((row) => ({ day: toNumber(row.day), reason: row.reason ?? "No reason given", count: toNumber(row.count) }));
}

/** Count and sum per kind of one batch's transactions (the open batch's running total). */
export async function batchKindTotals(merchantAccountId: string, batchKey: string): Promise<{ kind: TransactionKind; count: number; cents: number }[]> {
  const rows = await db.$queryRaw<{ kind: string; count: unknown; cents: unknown }[]>(Prisma.sql`
    SELECT ${KIND} AS "kind", COUNT(*) AS "count", SUM(ABS("amountCents")) AS "cents"
    FROM "MirrorTransaction"
    WHERE "merchantAccountId" = ${merchantAccountId} AND "batchKey" = ${batchKey}
    GROUP BY 1`);
  return rows.map((row) => ({ kind: row.kind as TransactionKind, count: toNumber(row.count), cents: toNumber(row.cents) }));
}
