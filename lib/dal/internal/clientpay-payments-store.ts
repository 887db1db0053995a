import "server-only";
import { db, type Prisma } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import type { ClientpayPayment } from "@/lib/payments/clientpay";
import { zonedDayRange } from "@/lib/time-zone";
import type { ClientpayPaymentQuery, ClientpayStatus } from "@/lib/validation/clientpay-payments";
import type { Paged } from "@/lib/validation/table-state";
import { orderByOf, type SortKey } from "./keyset";
import { centsRange } from "./mirror-transactions";
import type { Tx } from "./money-attempts";

/**
 * The local copy of an account's ClientPay payments (table ClientpayPayment): the rows, the
 * one where-builder every reader uses (the table, its totals, exports), and the writes that
 * the sync, a postback's re-read and a refund's answer share. No access check here: the public
 * DAL resolves the account first.
 */

export interface ClientpayRefundDto {
  refundPaymentId: string | null;
  /** "Void", "Refund", or "PartialRefund" (made in ClientPay's web app). */
  action: string | null;
  amountCents: number;
  refundNote: string | null;
  orderId: string | null;
  refundDateUtc: string | null;
}

export interface ClientpayPaymentDto {
  paymentId: string;
  status: string;
  paidAt: string;
  paidAtLocal: string | null;
  amountCents: number;
  taxCents: number;
  surchargeCents: number;
  method: "card" | "eCheck" | null;
  statusByType: number | null;
  cardBrand: string | null;
  accountLast4: string | null;
  payerId: string | null;
  paymentMethodId: string | null;
  payerName: string | null;
  payerEmail: string | null;
  invoiceNumbers: string[];
  orderId: string | null;
  description: string | null;
  sessionId: string | null;
  customerRefNumber: string | null;
  isSettled: boolean | null;
  settledAt: string | null;
  refundedCents: number;
  refunds: ClientpayRefundDto[];
  pageStatus: string | null;
  paidOnPage: boolean;
  lastModifiedAt: string | null;
  syncedAt: string;
}

type Row = Prisma.ClientpayPaymentGetPayload<object>;
type Writer = Pick<typeof db, "clientpayPayment" | "clientpayPayer" | "clientpayPage">;

const lower = (...parts: Array<string | null | undefined>) =>
  parts
    .filter((part): part is string => !!part)
    .join(" ")
    .toLowerCase();

function instant(...candidates: Array<string | null | undefined>): Date | null {
  for (const candidate of candidates) {
    const parsed = candidate ? Date.parse(candidate) : Number.NaN;
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return null;
}

/** What a payment request knows about its payer, for payments the service returns without it (the real service sends no payer fields). */
interface Known {
  payerName: string | null;
  payerEmail: string | null;
  invoiceNumbers: string[];
}

export function clientpayPaymentRow(merchantAccountId: string, payment: ClientpayPayment & { paymentId: string }, known?: Known) {
  const payerName = payment.payerName ?? known?.payerName ?? null;
  const payerEmail = payment.payerEmail ?? known?.payerEmail ?? null;
  const invoices = payment.invoiceNumbers.length > 0 ? payment.invoiceNumbers : (known?.invoiceNumbers ?? []);
  const refunds: ClientpayRefundDto[] = payment.refunds.map((refund) => ({
    refundPaymentId: refund.refundPaymentId,
    action: refund.action,
    amountCents: refund.amountCents,
    refundNote: refund.refundNote,
    orderId: refund.orderId,
    refundDateUtc: refund.refundDateUtc,
  }));
  return {
    merchantAccountId,
    paymentId: payment.paymentId,
    paymentNumber: BigInt(/^\d+$/.test(payment.paymentId) ? payment.paymentId : "0"),
    requestIdHash: payment.requestId?.fingerprint() ?? null,
    sessionId: payment.sessionId,
    customerRefNumber: payment.customerRefNumber,
    status: payment.paymentStatus ?? "Unknown",
    // A payment without a readable date sorts as the oldest rather than breaking the page.
    paidAt: instant(payment.paymentDateUtc, payment.paymentDate) ?? new Date(0),
    paidAtLocal: payment.paymentDate,
    amountCents: payment.amountCents,
    taxCents: payment.taxAmountCents,
    surchargeCents: payment.surchargeAmountCents,
    method: payment.method,
    statusByType: payment.statusByType,
    cardBrand: payment.cardBrand,
    accountLast4: payment.accountLast4,
    payerId: payment.payerId,
    paymentMethodId: payment.paymentMethodId,
    payerName,
    payerNameLower: payerName?.toLowerCase() ?? null,
    payerEmail,
    invoiceNumbers: invoices.length > 0 ? invoices.join(", ") : null,
    orderId: payment.orderId,
    description: payment.description,
    isSettled: payment.isSettled,
    settledAt: instant(payment.settledDateUtc),
    refundedCents: payment.refundedAmountCents,
    refundsJson: refunds.length > 0 ? JSON.stringify(refunds) : null,
    pageStatus: payment.paymentPageUrlStatus,
    paidOnPage: !!payment.paymentPageUrl,
    lastModifiedAt: instant(payment.lastModifiedUtc),
    search: lower(payerName, payerEmail, ...invoices, payment.orderId, payment.paymentId),
  };
}

export function toClientpayPaymentDto(row: Row): ClientpayPaymentDto {
  return {
    paymentId: row.paymentId,
    status: row.status,
    paidAt: row.paidAt.toISOString(),
    paidAtLocal: row.paidAtLocal,
    amountCents: row.amountCents,
    taxCents: row.taxCents,
    surchargeCents: row.surchargeCents,
    method: row.method === "card" || row.method === "eCheck" ? row.method : null,
    statusByType: row.statusByType,
    cardBrand: row.cardBrand,
    accountLast4: row.accountLast4,
    payerId: row.payerId,
    paymentMethodId: row.paymentMethodId,
    payerName: row.payerName,
    payerEmail: row.payerEmail,
    invoiceNumbers: row.invoiceNumbers ? row.invoiceNumbers.split(", ") : [],
    orderId: row.orderId,
    description: row.description,
    sessionId: row.sessionId,
    customerRefNumber: row.customerRefNumber,
    isSettled: row.isSettled,
    settledAt: row.settledAt?.toISOString() ?? null,
    refundedCents: row.refundedCents,
    refunds: row.refundsJson ? (JSON.parse(row.refundsJson) as ClientpayRefundDto[]) : [],
    pageStatus: row.pageStatus,
    paidOnPage: row.paidOnPage,
    lastModifiedAt: row.lastModifiedAt?.toISOString() ?? null,
    syncedAt: row.syncedAt.toISOString(),
  };
}

// ---- reading -------------------------------------------------------------------------------------

/** Which account's payments, and the viewer's zone: a date filter's days are days there. */
export interface ClientpayScope {
  merchantAccountId: string;
  timeZone: string;
}

/**
 * The filter of the payments table as a Prisma where, for this account only. The one builder for
 * every reader of the local copy (the table, its totals, an export, an overview figure).
 */
export function clientpayPaymentWhere(scope: ClientpayScope, query: Partial<Pick<ClientpayPaymentQuery, "q" | "status" | "method" | "from" | "to" | "min" | "max">>): Prisma.ClientpayPaymentWhereInput {
  const { merchantAccountId } = scope;
  const q = query.q?.trim().toLowerCase();
  const paidAt = zonedDayRange(query.from, query.to, scope.timeZone);
  const amountCents = centsRange(query.min, query.max);
  return {
    merchantAccountId,
    ...(q ? { search: { contains: q } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.method ? { method: query.method } : {}),
    ...(paidAt ? { paidAt } : {}),
    ...(amountCents ? { amountCents } : {}),
  };
}

/**
 * The one definition of the table's orders (the page and its export). Each ends in the payment
 * id, unique within an account, so the order is total: paging and an export's keyset walk
 * neither skip nor repeat a row. Payments without a payer name sort last either way.
 */
export function clientpayPaymentSortKeys(sort: ClientpayPaymentQuery["sort"], dir: ClientpayPaymentQuery["dir"]): SortKey[] {
  const newestFirst: SortKey[] = [{ field: "paidAt", dir: "desc" }, { field: "paymentNumber", dir: "desc" }, { field: "paymentId", dir: "desc" }];
  switch (sort) {
    case "date":
      return [{ field: "paidAt", dir }, { field: "paymentNumber", dir }, { field: "paymentId", dir }];
    case "amount":
      return [{ field: "amountCents", dir }, ...newestFirst];
    case "payer":
      return [{ field: "payerNameLower", dir, nullable: true }, ...newestFirst];
    case "status":
      return [{ field: "status", dir }, ...newestFirst];
  }
}

/** Statuses whose amount was taken from the payer (a refund gives some or all of it back). */
const COLLECTED: readonly string[] = ["Approved", "PartiallyRefunded", "Refunded"] satisfies ClientpayStatus[];

export interface ClientpayTotals {
  count: number;
  /** Sum of the approved payments' amounts (before refunds); declines and voids move nothing. */
  collectedCents: number;
  refundedCents: number;
  /** collected − refunded. */
  netCents: number;
  byStatus: Record<string, { count: number; amountCents: number }>;
}

/** Totals of the filtered set in one grouped query (its counts are the table's total too). */
export async function clientpayTotals(where: Prisma.ClientpayPaymentWhereInput): Promise<ClientpayTotals> {
  const groups = await db.clientpayPayment.groupBy({ by: ["status"], where, _count: { _all: true }, _sum: { amountCents: true, refundedCents: true } });
  const totals: ClientpayTotals = { count: 0, collectedCents: 0, refundedCents: 0, netCents: 0, byStatus: {} };
  for (const group of groups) {
    const amount = group._sum.amountCents ?? 0;
    totals.count += group._count._all;
    totals.byStatus[group.status] = { count: group._count._all, amountCents: amount };
    if (COLLECTED.includes(group.status)) {
      totals.collectedCents += amount;
      totals.refundedCents += group._sum.refundedCents ?? 0;
    }
  }
  totals.netCents = totals.collectedCents - totals.refundedCents;
  return totals;
}

export async function listClientpayPaymentRows(scope: ClientpayScope, query: ClientpayPaymentQuery): Promise<Paged<ClientpayPaymentDto> & { totals: ClientpayTotals }> {
  const where = clientpayPaymentWhere(scope, query);
  const [rows, totals] = await Promise.all([
    db.clientpayPayment.findMany({ where, orderBy: orderByOf(clientpayPaymentSortKeys(query.sort, query.dir)) as Prisma.ClientpayPaymentOrderByWithRelationInput[], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    clientpayTotals(where),
  ]);
  return { items: rows.map(toClientpayPaymentDto), total: totals.count, page: query.page, pageSize: query.pageSize, totals };
}

export async function findClientpayPaymentRow(merchantAccountId: string, paymentId: string): Promise<Row | null> {
  return db.clientpayPayment.findUnique({ where: { merchantAccountId_paymentId: { merchantAccountId, paymentId } } });
}

// ---- writing -------------------------------------------------------------------------------------

// SQLite allows 999 bound values in some builds' IN lists; 100 keys per statement stays well under.
const CHUNK = 100;

/**
 * Writes payments as ClientPay answered them (idempotent: keyed by account + payment id), and in the
 * same transaction: fills in payer and invoice facts from the payment request a payment was made on
 * when the service left them out, marks such requests paid (the fallback to the postback: a payment
 * under a page's request ID is that page's payment), and adds payers seen on payments to the payers
 * Paydesk knows. Returns the requests it marked paid.
 */
export async function writeClientpayPayments(writer: Writer, merchantAccountId: string, payments: ClientpayPayment[], now: Date = new Date()): Promise<{ paidPages: string[] }> {
  const complete = payments.filter((payment): payment is ClientpayPayment & { paymentId: string } => !!payment.paymentId);
  const unique = [...new Map(complete.map((payment) => [payment.paymentId, payment])).values()];
  const paidPages: string[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const hashes = [...new Set(chunk.map((payment) => payment.requestId?.fingerprint()).filter((hash): hash is string => !!hash))];
    const pages = hashes.length
      ? await writer.clientpayPage.findMany({ where: { merchantAccountId, kind: "invoice", requestIdHash: { in: hashes } } })
      : [];
    const pageByHash = new Map(pages.map((page) => [page.requestIdHash, page]));
    const rows = chunk.map((payment) => {
      const page = pageByHash.get(payment.requestId?.fingerprint() ?? "");
      const known = page ? { payerName: page.payerName, payerEmail: page.payerEmail, invoiceNumbers: invoiceNumbersOf(page.invoicesJson) } : undefined;
      return clientpayPaymentRow(merchantAccountId, payment, known);
    });
    await saveRows(writer, merchantAccountId, rows);

    for (const payment of chunk) {
      const page = pageByHash.get(payment.requestId?.fingerprint() ?? "");
      // Declines on a page leave it open; an approval completes it (docs/clientpay-api.md, "Hosted pages").
      if (!page || page.status === "paid" || payment.paymentStatus === "Declined") continue;
      const { count } = await writer.clientpayPage.updateMany({
        where: { id: page.id, status: { not: "paid" } },
        data: { status: "paid", paymentId: payment.paymentId, paidAt: instant(payment.paymentDateUtc, payment.paymentDate) ?? now, closedAt: now },
      });
      if (count > 0) paidPages.push(page.id);
    }
    await rememberPayers(writer, merchantAccountId, rows);
  }
  return { paidPages };
}

type PaymentRow = ReturnType<typeof clientpayPaymentRow>;

/**
 * New rows in one insert, changed rows updated, unchanged rows left alone (a re-read of the recent
 * window is mostly unchanged). Two writers inserting the same new payments at once (the sync and a
 * postback) make a batch insert fail on the key; the caller's transaction then fails and is retried.
 */
async function saveRows(writer: Writer, merchantAccountId: string, rows: PaymentRow[]) {
  const existing = await writer.clientpayPayment.findMany({ where: { merchantAccountId, paymentId: { in: rows.map((row) => row.paymentId) } } });
  const byId = new Map(existing.map((row) => [row.paymentId, row]));
  const fresh = rows.filter((row) => !byId.has(row.paymentId));
  // One new payment (a charge, a postback's re-read) is upserted: atomic, so it never races the sync.
  if (fresh.length === 1) await writer.clientpayPayment.upsert({ where: { merchantAccountId_paymentId: { merchantAccountId, paymentId: fresh[0]!.paymentId } }, create: fresh[0]!, update: fresh[0]! });
  else if (fresh.length > 1) await writer.clientpayPayment.createMany({ data: fresh });
  for (const row of rows) {
    const before = byId.get(row.paymentId);
    if (before && changed(before, row)) {
      await writer.clientpayPayment.update({ where: { merchantAccountId_paymentId: { merchantAccountId, paymentId: row.paymentId } }, data: row });
    }
  }
}

function changed(before: Row, after: PaymentRow): boolean {
  return (Object.keys(after) as (keyof PaymentRow)[]).some((field) => {
    const old = before[field];
    const next = after[field];
    return old instanceof Date || next instanceof Date ? (old as Date | null)?.getTime() !== (next as Date | null)?.getTime() : old !== next;
  });
}

function invoiceNumbersOf(invoicesJson: string | null): string[] {
  if (!invoicesJson) return [];
  return (JSON.parse(invoicesJson) as Array<{ invoiceNumber: string }>).map((invoice) => invoice.invoiceNumber);
}

/** Payers seen on payments join the payers Paydesk knows (ClientPay has no list of payers). */
async function rememberPayers(writer: Writer, merchantAccountId: string, rows: ReturnType<typeof clientpayPaymentRow>[]) {
  const seen = new Map<string, { name: string; email: string | null }>();
  for (const row of rows) if (row.payerId && !seen.has(row.payerId)) seen.set(row.payerId, { name: row.payerName ?? `Payer ${row.payerId}`, email: row.payerEmail });
  if (seen.size === 0) return;
  const existing = await writer.clientpayPayer.findMany({ where: { merchantAccountId, payerId: { in: [...seen.keys()] } }, select: { payerId: true } });
  const known = new Set(existing.map((payer) => payer.payerId));
  const fresh = [...seen].filter(([payerId]) => !known.has(payerId));
  // One upsert each (few per page): a concurrent write of the same payer is then harmless.
  for (const [payerId, { name, email }] of fresh) {
    await writer.clientpayPayer.upsert({
      where: { merchantAccountId_payerId: { merchantAccountId, payerId } },
      create: { merchantAccountId, payerId, displayName: name, displayNameLower: name.toLowerCase(), email, search: lower(name, email), source: "payments" },
      update: {},
    });
  }
}

const PAGE_TX = { maxWait: 10_000, timeout: 60_000 };

/** For callers outside a transaction (the sync's pages, a live read): one transaction, retried once after a write race. */
export async function writeClientpayPaymentPage(merchantAccountId: string, payments: ClientpayPayment[], now?: Date) {
  try {
    return await db.$transaction((tx: Tx) => writeClientpayPayments(tx, merchantAccountId, payments, now), PAGE_TX);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another writer inserted one of these payments first: the second try updates it instead.
    return db.$transaction((tx: Tx) => writeClientpayPayments(tx, merchantAccountId, payments, now), PAGE_TX);
  }
}
