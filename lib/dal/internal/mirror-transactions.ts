import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { TransactionRow } from "@/lib/sync/mirror-rows";
import { zonedDayRange } from "@/lib/time-zone";
import type { Paged } from "@/lib/validation/table-state";
import { CARD_BRANDS, TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";
import { orderByOf, type SortKey } from "./keyset";

/**
 * Queries of the local transactions mirror, by account id. No access check here: the public
 * DAL (lib/dal/transactions.ts, lib/dal/customers.ts) resolves the account first.
 */
export interface TransactionDto {
  key: string;
  refnum: string;
  createdAt: string;
  typeLabel: string | null;
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

export function toTransactionDto(row: Omit<TransactionRow, "merchantAccountId" | "search" | "outcome"> & { outcome: string }): TransactionDto {
  return {
    key: row.key, refnum: row.refnum, createdAt: row.createdAt.toISOString(), typeLabel: row.typeLabel, resultCode: row.resultCode, outcome: row.outcome,
    statusCode: row.statusCode, statusLabel: row.statusLabel, authCode: row.authCode, amountCents: row.amountCents, authAmountCents: row.authAmountCents,
    taxCents: row.taxCents, tipCents: row.tipCents, cardBrand: row.cardBrand, cardMasked: row.cardMasked, cardholder: row.cardholder, entryMode: row.entryMode,
    checkMasked: row.checkMasked, avsCode: row.avsCode, avsLabel: row.avsLabel, cvcCode: row.cvcCode, cvcLabel: row.cvcLabel, batchKey: row.batchKey,
    batchRefnum: row.batchRefnum, customerKey: row.customerKey, customerEmail: row.customerEmail, invoice: row.invoice, orderId: row.orderId,
    description: row.description, errorMessage: row.errorMessage,
  };
}

/** Which rows a transactions query covers besides its URL filters. */
export interface TransactionScope {
  merchantAccountId: string;
  /** The viewer's zone: a date filter's days are days there. */
  timeZone: string;
  /** Only this customer's transactions (the customer detail page). */
  customerKey?: string;
}

/** The one definition of the transactions table's filters: the page, its export and the overview's links use it. */
export function transactionWhere(scope: TransactionScope, query: Partial<TransactionQuery>): Prisma.MirrorTransactionWhereInput {
  const q = query.q?.toLowerCase();
  const created = zonedDayRange(query.from, query.to, scope.timeZone);
  return {
    merchantAccountId: scope.merchantAccountId,
    ...(scope.customerKey ? { customerKey: scope.customerKey } : {}),
    ...(q ? { search: { contains: q } } : {}),
    ...(query.status ? { statusCode: { in: [...TRANSACTION_STATUSES[query.status].codes] } } : {}),
    ...(query.card ? { cardBrand: { in: [...CARD_BRANDS[query.card]] } } : {}),
    ...(created ? { createdAt: created } : {}),
    ...(query.min !== undefined || query.max !== undefined
      ? { amountCents: { ...(query.min !== undefined ? { gte: query.min } : {}), ...(query.max !== undefined ? { lte: query.max } : {}) } }
      : {}),
  };
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

export async function listMirrorTransactions(scope: TransactionScope, query: TransactionQuery): Promise<Paged<TransactionDto>> {
  const where = transactionWhere(scope, query);
  const orderBy = orderByOf(transactionSortKeys(query.sort, query.dir)) as Prisma.MirrorTransactionOrderByWithRelationInput[];
  const [rows, total] = await Promise.all([
    db.mirrorTransaction.findMany({ where, orderBy, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.mirrorTransaction.count({ where }),
  ]);
  return { items: rows.map(toTransactionDto), total, page: query.page, pageSize: query.pageSize };
}
