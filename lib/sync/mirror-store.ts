import "server-only";
import { db, type Db } from "@/lib/db";
import type { CustomerListRow, TransactionRow } from "./mirror-rows";
import { keepKnownRefundLinks } from "./refund-links";

/**
 * Writes of the mirror. Every page is written in one database transaction together with
 * the sync's cursor, so a crash leaves either the page and its cursor or neither, and a
 * resumed sync re-reads at most one page (writes are idempotent: keyed by merchant + key).
 */
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// SQLite allows 32,766 bound values per statement; 38 columns × 100 rows stays well under,
// and smaller statements keep the transient memory of each write small.
const CHUNK = 100;
// A busy machine can take a few seconds for a 1000-row page; Prisma's default is 5 s.
const PAGE_TX = { maxWait: 10_000, timeout: 60_000 };

export class LeaseLostError extends Error {
  constructor() {
    super("sync lease lost");
    this.name = "LeaseLostError";
  }
}

export interface CursorUpdate {
  owner: string;
  resource: "customers" | "transactions";
  leaseMs: number;
  /** The run's clock: each page written extends the lease from now. */
  now: () => number;
  data: { cursorOffset?: number; upstreamTotal?: number; mode?: string; fullCompletedAt?: Date; processedDelta: number };
}

async function advanceCursor(tx: Tx, merchantAccountId: string, cursor: CursorUpdate) {
  const { processedDelta, ...data } = cursor.data;
  const { count } = await tx.syncState.updateMany({
    where: { merchantAccountId, resource: cursor.resource, leaseOwner: cursor.owner },
    data: { ...data, processed: { increment: processedDelta }, leaseUntil: new Date(cursor.now() + cursor.leaseMs) },
  });
  // Another worker took over (our lease expired): its cursor wins, this page is rolled back.
  if (count !== 1) throw new LeaseLostError();
}

/** Transactions come whole from the list, so replacing the rows is exact and cheap. */
export async function writeTransactionPage(merchantAccountId: string, rows: TransactionRow[], cursor: CursorUpdate): Promise<void> {
  const unique = [...new Map(rows.filter((row) => row.key).map((row) => [row.key, row])).values()];
  await db.$transaction(async (tx) => {
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = await keepKnownRefundLinks(tx, merchantAccountId, unique.slice(i, i + CHUNK));
      await tx.mirrorTransaction.deleteMany({ where: { merchantAccountId, key: { in: chunk.map((row) => row.key) } } });
      await tx.mirrorTransaction.createMany({ data: chunk });
    }
    await advanceCursor(tx, merchantAccountId, cursor);
  }, PAGE_TX);
}

/** Customers keep their detail fields (payment methods, schedules), so existing rows are updated. */
export async function writeCustomerPage(merchantAccountId: string, rows: CustomerListRow[], cursor: CursorUpdate): Promise<void> {
  const unique = [...new Map(rows.filter((row) => row.key).map((row) => [row.key, row])).values()];
  await db.$transaction(async (tx) => {
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const existing = await tx.mirrorCustomer.findMany({ where: { merchantAccountId, key: { in: chunk.map((row) => row.key) } } });
      const byKey = new Map(existing.map((row) => [row.key, row]));
      const fresh = chunk.filter((row) => !byKey.has(row.key));
      if (fresh.length) await tx.mirrorCustomer.createMany({ data: fresh });
      for (const row of chunk) {
        const before = byKey.get(row.key);
        if (before && changed(before, row)) {
          await tx.mirrorCustomer.update({ where: { merchantAccountId_key: { merchantAccountId, key: row.key } }, data: row });
        }
      }
    }
    await advanceCursor(tx, merchantAccountId, cursor);
  }, PAGE_TX);
}

function changed(before: Record<string, unknown>, after: CustomerListRow): boolean {
  return (Object.keys(after) as (keyof CustomerListRow)[]).some((field) => before[field] !== after[field]);
}

/**
 * Counts in chunks: Prisma refuses a statement with more bound values than the database
 * allows (999 on SQLite), and a page holds up to 1000 keys.
 */
async function countInChunks(keys: string[], count: (chunk: string[]) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < keys.length; i += CHUNK) total += await count(keys.slice(i, i + CHUNK));
  return total;
}

export function countKnownTransactions(merchantAccountId: string, keys: string[]): Promise<number> {
  return countInChunks(keys, (chunk) => db.mirrorTransaction.count({ where: { merchantAccountId, key: { in: chunk } } }));
}

export function countKnownCustomers(merchantAccountId: string, keys: string[]): Promise<number> {
  return countInChunks(keys, (chunk) => db.mirrorCustomer.count({ where: { merchantAccountId, key: { in: chunk } } }));
}
