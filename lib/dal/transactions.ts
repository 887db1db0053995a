import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/auth/session";
import { db, Prisma } from "@/lib/db";
import { logger } from "@/lib/logger";
import { isGatewayError } from "@/lib/payments/http";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import { budgetFor } from "@/lib/sync/runner";
import { transactionRow, type TransactionRow } from "@/lib/sync/mirror-rows";
import type { Paged } from "@/lib/validation/pagination";
import { TRANSACTION_STATUSES, type TransactionQuery } from "@/lib/validation/transactions";
import { usaepayClientFor } from "./gateway-clients";
import { getAccessibleMerchant } from "./merchants";

/**
 * Transactions from the local mirror (tables) and live from USAePay (detail). Every function
 * takes the viewer and the account's slug and resolves the account through
 * getAccessibleMerchant, so another account's keys in a URL answer "not found".
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

function toDto(row: Omit<TransactionRow, "merchantAccountId" | "search" | "outcome"> & { outcome: string }): TransactionDto {
  return {
    key: row.key, refnum: row.refnum, createdAt: row.createdAt.toISOString(), typeLabel: row.typeLabel, resultCode: row.resultCode, outcome: row.outcome,
    statusCode: row.statusCode, statusLabel: row.statusLabel, authCode: row.authCode, amountCents: row.amountCents, authAmountCents: row.authAmountCents,
    taxCents: row.taxCents, tipCents: row.tipCents, cardBrand: row.cardBrand, cardMasked: row.cardMasked, cardholder: row.cardholder, entryMode: row.entryMode,
    checkMasked: row.checkMasked, avsCode: row.avsCode, avsLabel: row.avsLabel, cvcCode: row.cvcCode, cvcLabel: row.cvcLabel, batchKey: row.batchKey,
    batchRefnum: row.batchRefnum, customerKey: row.customerKey, customerEmail: row.customerEmail, invoice: row.invoice, orderId: row.orderId,
    description: row.description, errorMessage: row.errorMessage,
  };
}

/** Half-open UTC day range: from 00:00 of `from` to 00:00 after `to`. */
function dayRange(from?: string, to?: string): Prisma.DateTimeFilter | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00Z`) } : {}),
    ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) } : {}),
  };
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
    ...(query.min !== undefined || query.max !== undefined
      ? { amountCents: { ...(query.min !== undefined ? { gte: query.min } : {}), ...(query.max !== undefined ? { lte: query.max } : {}) } }
      : {}),
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
  return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize };
}

export async function listTransactions(viewer: Viewer, merchantSlug: string, query: TransactionQuery): Promise<Paged<TransactionDto>> {
  const merchant = await getAccessibleMerchant(viewer, merchantSlug);
  return listMirrorTransactions(merchant.id, query);
}

export interface TransactionDetail {
  transaction: TransactionDto;
  /** "live": fetched from USAePay just now; "mirror": the local copy, with why. */
  source: "live" | "mirror";
  fallbackReason?: string;
  mirroredAt?: string;
}

/** Per attempt, and the whole live fetch (retries included) gets LIVE_DEADLINE_MS before the page falls back. */
const LIVE_TIMEOUT_MS = 3000;
export const LIVE_DEADLINE_MS = 4000;

/**
 * A transaction fetched live (and written back to the mirror), or the mirror's copy when
 * USAePay fails or the key's minute is spent — people never wait on the sync's budget.
 */
export async function getTransactionDetail(viewer: Viewer, merchantSlug: string, key: string): Promise<TransactionDetail> {
  const merchant = await getAccessibleMerchant(viewer, merchantSlug);
  const mirrored = await db.mirrorTransaction.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } } });
  let reason: string;
  try {
    const budget = await budgetFor(merchant.id);
    if (await budget.isExhausted()) throw new BudgetSpent();
    const client = await usaepayClientFor(merchant, { timeoutMs: LIVE_TIMEOUT_MS, onRateLimit: (info) => void budget.record(info).catch(() => undefined) });
    const live: UsaepayTransaction = await client.getTransaction(key, AbortSignal.timeout(LIVE_DEADLINE_MS));
    const row = transactionRow(merchant.id, live);
    // Only a transaction of this account reaches here (the key was looked up with this account's key).
    await db.mirrorTransaction.upsert({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } }, create: row, update: row });
    return { transaction: toDto(row), source: "live" };
  } catch (error) {
    if (isGatewayError(error) && error.kind === "not_found" && !mirrored) notFound();
    reason =
      error instanceof BudgetSpent
        ? "USAePay's rate limit for this account is used up for the moment."
        : isGatewayError(error)
          ? error.userMessage
          : "USAePay could not be reached.";
    if (!isGatewayError(error) && !(error instanceof BudgetSpent)) logger.warn({ merchantId: merchant.id, err: error instanceof Error ? error.name : "unknown" }, "live transaction fetch failed");
  }
  if (!mirrored) notFound();
  return { transaction: toDto(mirrored), source: "mirror", fallbackReason: reason, mirroredAt: mirrored.syncedAt.toISOString() };
}

class BudgetSpent extends Error {}
