import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { TransactionRow } from "@/lib/sync/mirror-rows";
import { zonedDayRange } from "@/lib/time-zone";
import type { Paged } from "@/lib/validation/table-state";
import { MONEY_IN_TYPES, MONEY_OUT_TYPES, transactionTypeOf, type TransactionType } from "@/lib/validation/transaction-types";
import { CARD_BRANDS, TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";
import { orderByOf, type SortKey } from "./keyset";
import { mirrorSearch } from "./mirror-search";
import { readPage } from "./paging";

/**
 * Queries of the local transactions mirror, by account id. No access check here: the public
 * DAL (lib/dal/transactions.ts, lib/dal/customers.ts) resolves the account first.
 */
export interface TransactionDto {
  key: string;
  refnum: string;
  createdAt: string;
  typeCode: string | null;
  typeLabel: string | null;
  /** Sale, refund, void, auth-only, credit, check (lib/validation/transaction-types.ts). */
  kind: TransactionType;
  /** On a refund: the transaction it refunds. */
  refundOfKey: string | null;
  resultCode: string;
  outcome: string;
  statusCode: string | null;
  statusLabel: string | null;
  authCode: string | null;
  amountCents: number;
  authAmountCents: number | null;
  taxCents: number | null;
  tipCents: number | null;
  cardBrand: string | null;
  cardMasked: string | null;
  cardholder: string | null;
  entryMode: string | null;
  checkMasked: string | null;
  avsCode: string | null;
  avsLabel: string | null;
  cvcCode: string | null;
  cvcLabel: string | null;
  batchKey: string | null;
  batchRefnum: string | null;
  customerKey: string | null;
  customerEmail: string | null;
  invoice: string | null;
  orderId: string | null;
  description: string | null;
  errorMessage: string | null;
}

type StoredRow = Omit<TransactionRow, "merchantAccountId" | "search" | "outcome" | "kind"> & { outcome: string; kind: string | null };

export function toTransactionDto(row: StoredRow): TransactionDto {
  return {
    key: row.key, refnum: row.refnum, createdAt: row.createdAt.toISOString(), typeCode: row.typeCode, typeLabel: row.typeLabel, kind: transactionTypeOf(row.kind), refundOfKey: row.refundOfKey, resultCode: row.resultCode, outcome: row.outcome,
    statusCode: row.statusCode, statusLabel: row.statusLabel, authCode: row.authCode, amountCents: row.amountCents, authAmountCents: row.authAmountCents,
    taxCents: row.taxCents, tipCents: row.tipCents, cardBrand: row.cardBrand, cardMasked: row.cardMasked, cardholder: row.cardholder, entryMode: row.entryMode,
    checkMasked: row.checkMasked, avsCode: row.avsCode, avsLabel: row.avsLabel, cvcCode: row.cvcCode, cvcLabel: row.cvcLabel, batchKey: row.batchKey,
    batchRefnum: row.batchRefnum, customerKey: row.customerKey, customerEmail: row.customerEmail, invoice: row.invoice, orderId: row.orderId,
    description: row.description, errorMessage: row.errorMessage,
  };
}

/** Inclusive amount range in cents, or undefined when neither end is set. Shared by every table with an amount filter (dates: zonedDayRange in lib/time-zone.ts). */
export function centsRange(min?: number, max?: number): Prisma.IntFilter | undefined {
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined ? { gte: min } : {}), ...(max !== undefined ? { lte: max } : {}) };
}

/** Which rows a transactions query covers besides its URL filters. */
export interface TransactionScope {
  merchantAccountId: string;
  /** The viewer's zone: a date filter's days are days there. */
  timeZone: string;
  /** Only this customer's transactions (the customer detail page). */
  customerKey?: string;
  /** Only this batch's transactions (the batch detail page). */
  batchKey?: string;
}

/** The table's filters other than search, which the search index cannot count for. */
function filterWhere(scope: TransactionScope, query: Partial<TransactionQuery>): Prisma.MirrorTransactionWhereInput {
  const created = zonedDayRange(query.from, query.to, scope.timeZone);
  const amountCents = centsRange(query.min, query.max);
  return {
    ...(scope.customerKey ? { customerKey: scope.customerKey } : {}),
    ...(scope.batchKey ? { batchKey: scope.batchKey } : {}),
    ...(query.type ? { kind: query.type } : {}),
    ...(query.status ? { statusCode: { in: [...TRANSACTION_STATUSES[query.status].codes] } } : {}),
    ...(query.card ? { cardBrand: { in: [...CARD_BRANDS[query.card]] } } : {}),
    ...(created ? { createdAt: created } : {}),
    ...(amountCents ? { amountCents } : {}),
  };
}

/**
 * The one definition of the transactions table's filters, search included: the page, its
 * totals, its export and the overview's links all use it.
 */
export async function transactionWhere(scope: TransactionScope, query: Partial<TransactionQuery>): Promise<Prisma.MirrorTransactionWhereInput> {
  return { merchantAccountId: scope.merchantAccountId, ...filterWhere(scope, query), ...(await mirrorSearch("transactions", scope.merchantAccountId, query.q)).where };
}

/** The one definition of the table's orders; each ends in the row key, so paging and exports are stable. */
export function transactionSortKeys(sort: TransactionQuery["sort"], dir: TransactionQuery["dir"]): SortKey[] {
  const newestFirst: SortKey[] = [{ field: "createdAt", dir: "desc" }, { field: "key", dir: "desc" }];
  switch (sort) {
    case "created":
      return [{ field: "createdAt", dir }, { field: "key", dir }];
    case "amount":
      return [{ field: "amountCents", dir }, ...newestFirst];
    case "status":
      return [{ field: "statusCode", dir, nullable: true }, ...newestFirst];
    case "cardholder":
      return [{ field: "cardholder", dir, nullable: true }, ...newestFirst];
  }
}

const orderOf = (query: Pick<TransactionQuery, "sort" | "dir">) => orderByOf(transactionSortKeys(query.sort, query.dir)) as Prisma.MirrorTransactionOrderByWithRelationInput[];

export async function listMirrorTransactions(scope: TransactionScope, query: TransactionQuery): Promise<Paged<TransactionDto>> {
  const filters = filterWhere(scope, query);
  const search = await mirrorSearch("transactions", scope.merchantAccountId, query.q);
  const where: Prisma.MirrorTransactionWhereInput = { merchantAccountId: scope.merchantAccountId, ...filters, ...search.where };
  const known = Object.keys(filters).length === 0 ? search.total : undefined;
  const page = await readPage(
    query,
    () => (known !== undefined ? Promise.resolve(known) : db.mirrorTransaction.count({ where })),
    (skip, take) => db.mirrorTransaction.findMany({ where, orderBy: orderOf(query), skip, take }),
  );
  return { ...page, items: page.items.map(toTransactionDto) };
}

/**
 * A page of rows and the totals row of the whole filtered set, for the tables that show both:
 * the totals' grouped pass also counts the rows, so the set is read twice, not three times.
 */
export async function listMirrorTransactionsWithTotals(scope: TransactionScope, query: TransactionQuery): Promise<Paged<TransactionDto> & { totals: TransactionTotals }> {
  const where = await transactionWhere(scope, query);
  const totals = totalsOf(where);
  const page = await readPage(
    query,
    async () => (await totals).count,
    (skip, take) => db.mirrorTransaction.findMany({ where, orderBy: orderOf(query), skip, take }),
  );
  return { ...page, items: page.items.map(toTransactionDto), totals: await totals };
}

/** The whole filtered set's figures (not just the page's), for the table's totals row. */
export interface TransactionTotals {
  count: number;
  /** Approved sales and check sales that are not voided. */
  grossCents: number;
  salesCount: number;
  /** Approved refunds and credits that are not voided (a positive number: money out). */
  refundsCents: number;
  refundsCount: number;
  /** Gross − refunds. */
  netCents: number;
  /** Voided sales and refunds: counted apart, in neither sum (as USAePay's batch totals do). */
  voidsCount: number;
  voidsCents: number;
}

/** Only approvals move money; a void is its own kind, so voided rows drop out of both sums. */
const MOVED_MONEY = new Set(["approved", "partial"]);

/**
 * Computed in the database: one grouped pass over the same filter as the page (by kind and
 * outcome), which an index on (account, kind, outcome, amount) answers without reading rows.
 */
export async function mirrorTransactionTotals(scope: TransactionScope, query: Partial<TransactionQuery>): Promise<TransactionTotals> {
  return totalsOf(await transactionWhere(scope, query));
}

async function totalsOf(where: Prisma.MirrorTransactionWhereInput): Promise<TransactionTotals> {
  const groups = await db.mirrorTransaction.groupBy({
    by: ["kind", "outcome"],
    where,
    _sum: { amountCents: true },
    _count: { _all: true },
  });
  const of = (kinds: readonly string[]) => groups.filter((group) => kinds.includes(group.kind ?? "") && MOVED_MONEY.has(group.outcome));
  const cents = (kinds: readonly string[]) => of(kinds).reduce((total, group) => total + (group._sum.amountCents ?? 0), 0);
  const count = (kinds: readonly string[]) => of(kinds).reduce((total, group) => total + group._count._all, 0);
  const grossCents = cents(MONEY_IN_TYPES);
  const refundsCents = cents(MONEY_OUT_TYPES);
  return {
    count: groups.reduce((total, group) => total + group._count._all, 0),
    grossCents,
    salesCount: count(MONEY_IN_TYPES),
    refundsCents,
    refundsCount: count(MONEY_OUT_TYPES),
    netCents: grossCents - refundsCents,
    voidsCount: count(["void"]),
    voidsCents: cents(["void"]),
  };
}
