import "server-only";
import { db, Prisma, type Db } from "@/lib/db";
import type { CustomerListRow, TransactionRow } from "./mirror-rows";
import { keepKnownRefundLinks } from "./refund-links";

/**
 * Writes of the mirror. Every page is written in one database transaction together with
 * the sync's cursor, so a crash leaves either the page and its cursor or neither, and a
 * resumed sync re-reads at most one page (writes are idempotent: keyed by merchant + key).
 *
 * Rows go in as batched upserts, one INSERT … ON CONFLICT DO UPDATE per 100 rows (the same
 * SQL on SQLite and PostgreSQL): no delete-then-insert, and a fraction of the memory the ORM's
 * createMany churns through for a 1000-row page, which kept the first full sync's RSS high.
 * A transaction row carries `stateAt`, the instant its state is known as of; an upsert never
 * replaces a row known as of a later instant (a webhook that came in while the page was read).
 */
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Writer = Tx | Db;

// SQLite allows 32,766 bound values per statement, PostgreSQL 65,535; 40 columns × 100 rows is
// well under both, and a small statement keeps each write's transient memory small.
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

/** First thing in a page's transaction (a write, so SQLite takes its lock at once rather than upgrading a read). */
async function advanceCursor(tx: Tx, merchantAccountId: string, cursor: CursorUpdate) {
  const { processedDelta, ...data } = cursor.data;
  const { count } = await tx.syncState.updateMany({
    where: { merchantAccountId, resource: cursor.resource, leaseOwner: cursor.owner },
    data: { ...data, processed: { increment: processedDelta }, leaseUntil: new Date(cursor.now() + cursor.leaseMs) },
  });
  // Another worker took over (our lease expired): its cursor wins, this page is rolled back.
  if (count !== 1) throw new LeaseLostError();
}

const ident = (name: string) => Prisma.raw(`"${name}"`);

/**
 * INSERT … ON CONFLICT (merchantAccountId, key) DO UPDATE of `update` columns, per 100 rows.
 * `guard` is an SQL condition on the existing row (as "t") and the new one ("excluded") that
 * must hold for an update to happen.
 */
async function upsertRows<Row extends Record<string, unknown>>(writer: Writer, table: string, rows: Row[], update: readonly (keyof Row & string)[], guard?: Prisma.Sql) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof Row & string)[];
  const setClause = Prisma.join([...update.map((column) => Prisma.sql`${ident(column)} = excluded.${ident(column)}`), Prisma.sql`"syncedAt" = excluded."syncedAt"`], ", ");
  const syncedAt = new Date();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((row) => Prisma.sql`(${Prisma.join([...columns.map((column) => row[column]), syncedAt])})`);
    await writer.$executeRaw`INSERT INTO ${ident(table)} AS t (${Prisma.join(columns.map(ident), ", ")}, "syncedAt") VALUES ${Prisma.join(values, ", ")}
      ON CONFLICT ("merchantAccountId", "key") DO UPDATE SET ${setClause}${guard ? Prisma.sql` WHERE ${guard}` : Prisma.empty}`;
  }
}

const uniqueByKey = <Row extends { key: string }>(rows: Row[]) => [...new Map(rows.filter((row) => row.key).map((row) => [row.key, row])).values()];

/** A row the mirror keeps with the instant its state is known as of. */
export type StatedTransactionRow = TransactionRow & { stateAt: Date };

/**
 * Transaction rows as of `stateAt` (a page's fetch start, a live read's start, a webhook's event
 * time): inserted, or replacing a row known as of the same instant or earlier. Returns nothing:
 * a row left alone was already newer, which is what the mirror should show.
 */
export async function upsertTransactionRows(writer: Writer, rows: TransactionRow[], stateAt: Date): Promise<void> {
  const stated = uniqueByKey(rows).map((row): StatedTransactionRow => ({ ...row, stateAt }));
  if (stated.length === 0) return;
  const columns = Object.keys(stated[0]!).filter((column) => column !== "merchantAccountId" && column !== "key") as (keyof StatedTransactionRow & string)[];
  await upsertRows(writer, "MirrorTransaction", stated, columns, Prisma.sql`t."stateAt" IS NULL OR t."stateAt" <= excluded."stateAt"`);
}

/** Transactions come whole from the list, so replacing the rows is exact and cheap. */
export async function writeTransactionPage(merchantAccountId: string, rows: TransactionRow[], cursor: CursorUpdate, stateAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await advanceCursor(tx, merchantAccountId, cursor);
    await upsertTransactionRows(tx, await keepKnownRefundLinks(tx, merchantAccountId, uniqueByKey(rows)), stateAt);
  }, PAGE_TX);
}

/** The list's own columns: a customer's detail fields (payment methods, schedules) are kept as they are. */
const CUSTOMER_LIST_COLUMNS = [
  "gatewayId", "customerNumber", "company", "firstName", "lastName", "displayName", "displayNameLower", "email", "phone",
  "street", "city", "state", "postalCode", "country", "description", "search",
] as const satisfies readonly (keyof CustomerListRow)[];

export async function writeCustomerPage(merchantAccountId: string, rows: CustomerListRow[], cursor: CursorUpdate): Promise<void> {
  await db.$transaction(async (tx) => {
    await advanceCursor(tx, merchantAccountId, cursor);
    await upsertRows(tx, "MirrorCustomer", uniqueByKey(rows), CUSTOMER_LIST_COLUMNS);
  }, PAGE_TX);
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
