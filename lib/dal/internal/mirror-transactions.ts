import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { TransactionRow } from "@/lib/sync/mirror-rows";
import type { Paged } from "@/lib/validation/table-state";
import { TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";

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

/** Half-open UTC day range: from 00:00 of `from` to 00:00 after `to`. Shared by every table with a date filter. */
export function dayRange(from?: string, to?: string): Prisma.DateTimeFilter | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}),
    ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) } : {}),
  };
}

/** Inclusive amount range in cents, or undefined when neither end is set. Shared like dayRange. */
export function centsRange(min?: number, max?: number): Prisma.IntFilter | undefined {
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined ? { gte: min } : {}), ...(max !== undefined ? { lte: max } : {}) };
}

export function transactionWhere(merchantAccountId: string, query: Partial<TransactionQuery>, customerKey?: string): Prisma.MirrorTransactionWhereInput {
  const q = query.q?.toLowerCase();
  return {
    merchantAccountId,
    ...(customerKey ? { customerKey } : {}),
    ...(q ? { search: { contains: q } } : {}),
    ...(query.status ? { statusCode: { in: [...TRANSACTION_STATUSES[query.status].codes] } } : {}),
    ...(query.card ? { cardBrand: query.card } : {}),
    ...(dayRange(query.from, query.to) ? { createdAt: dayRange(query.from, query.to) } : {}),
    ...(centsRange(query.min, query.max) ? { amountCents: centsRange(query.min, query.max) } : {}),
  };
}

const ORDER: Record<TransactionQuery["sort"], (dir: Prisma.SortOrder) => Prisma.MirrorTransactionOrderByWithRelationInput[]> = {
  created: (dir) => [{ createdAt: dir }, { key: dir }],
  amount: (dir) => [{ amountCents: dir }, { createdAt: "desc" }],
  status: (dir) => [{ statusCode: dir }, { createdAt: "desc" }],
  cardholder: (dir) => [{ cardholder: dir }, { createdAt: "desc" }],
};

export async function listMirrorTransactions(merchantAccountId: string, query: TransactionQuery, customerKey?: string): Promise<Paged<TransactionDto>> {
  const where = transactionWhere(merchantAccountId, query, customerKey);
  const [rows, total] = await Promise.all([
    db.mirrorTransaction.findMany({ where, orderBy: ORDER[query.sort](query.dir), skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.mirrorTransaction.count({ where }),
  ]);
  return { items: rows.map(toTransactionDto), total, page: query.page, pageSize: query.pageSize };
}
