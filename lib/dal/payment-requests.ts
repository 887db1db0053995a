import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import { requestIdFingerprint, type InvoicePageInput } from "@/lib/payments/clientpay";
import type { RequestMeta } from "@/lib/request-meta";
import type { CreatePaymentRequestInput, PaymentRequestQuery } from "@/lib/validation/payment-requests";
import type { Paged } from "@/lib/validation/table-state";
import { upstreamFailure } from "./internal/access-id-messages";
import { findClientpayPaymentRow, toClientpayPaymentDto, type ClientpayPaymentDto } from "./internal/clientpay-payments-store";
import { effectivePageStatus, findPage, newPostbackToken, openPageRequestId, postbackAddress, readPagePayments, sealPageRequestId, type PageRow } from "./internal/clientpay-pages";
import { clientpayAccessOf, clientpayCall, withClientpaySession, type ClientpayAccessDto, type ClientpayContext } from "./internal/clientpay-session";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { listMoneyAttempts, runMoneyAttempt, type MoneyAttemptDto } from "./internal/money-attempts";
import { issueMoneyToken } from "./internal/money-token";

/**
 * Payment requests: invoice payment pages on ClientPay (docs/clientpay-api.md, "Hosted pages"),
 * each a link a client pays on. Creating one is a money operation (GUIDE "Moving money"): the
 * form's one-time token is stored before the call, so a double submit makes one page. A request
 * becomes paid when ClientPay's postback checks out (lib/inbound/clientpay-postback.ts), when the
 * payments copy finds a payment under the page's request ID, or on "Check with ClientPay".
 */

export interface InvoiceLineDto {
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string | null;
  amountCents: number;
}

export interface PaymentRequestDto {
  id: string;
  status: "open" | "paid" | "expired";
  payerName: string | null;
  payerEmail: string | null;
  payerId: string | null;
  invoices: InvoiceLineDto[];
  amountCents: number;
  dueDate: string | null;
  note: string | null;
  createdAt: string;
  createdByEmail: string | null;
  expiresAt: string;
  paymentId: string | null;
  paidAt: string | null;
  closedAt: string | null;
  closedByEmail: string | null;
  lastPostbackAt: string | null;
}

export interface PaymentRequestDetail {
  request: PaymentRequestDto;
  /** The link the payer gets (shown only on the request's own page, to copy or email). */
  hostedUrl: string;
  options: { headerText: string | null; footerText: string | null; validDays: number; allowPartial: boolean; enablePayerSaving: boolean; sendReceipt: boolean; receiptEmails: string[] };
  payment: ClientpayPaymentDto | null;
  attempts: MoneyAttemptDto[];
  access: ClientpayAccessDto;
}

interface StoredOptions {
  headerText: string | null;
  footerText: string | null;
  validDays: number;
  allowPartial: boolean;
  enablePayerSaving: boolean;
  sendReceipt: boolean;
  receiptEmails: string[];
}

function toDto(row: PageRow, now: Date = new Date()): PaymentRequestDto {
  return {
    id: row.id,
    status: effectivePageStatus(row, now) as PaymentRequestDto["status"],
    payerName: row.payerName,
    payerEmail: row.payerEmail,
    payerId: row.payerId,
    invoices: row.invoicesJson ? (JSON.parse(row.invoicesJson) as InvoiceLineDto[]) : [],
    amountCents: row.amountCents,
    dueDate: row.dueDate,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdByEmail: row.createdByEmail,
    expiresAt: row.expiresAt.toISOString(),
    paymentId: row.paymentId,
    paidAt: row.paidAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedByEmail: row.closedByEmail,
    lastPostbackAt: row.lastPostbackAt?.toISOString() ?? null,
  };
}

function statusWhere(status: PaymentRequestQuery["status"], now: Date): Prisma.ClientpayPageWhereInput {
  if (status === "open") return { status: "open", expiresAt: { gt: now } };
  if (status === "expired") return { OR: [{ status: "expired" }, { status: "open", expiresAt: { lte: now } }] };
  if (status === "paid") return { status: "paid" };
  return {};
}

export async function listPaymentRequests(viewer: Viewer, merchantSlug: string, query: PaymentRequestQuery): Promise<Paged<PaymentRequestDto> & { access: ClientpayAccessDto }> {
  const merchant = await merchantFor(viewer, "payment-requests:read", { slug: merchantSlug });
  const now = new Date();
  const q = query.q.toLowerCase();
  const where: Prisma.ClientpayPageWhereInput = { merchantAccountId: merchant.id, kind: "invoice", ...(q ? { search: { contains: q } } : {}), ...statusWhere(query.status, now) };
  const [rows, total, access] = await Promise.all([
    db.clientpayPage.findMany({ where, orderBy: [{ createdAt: query.dir }, { id: query.dir }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.clientpayPage.count({ where }),
    clientpayAccessOf(merchant.id),
  ]);
  return { items: rows.map((row) => toDto(row, now)), total, page: query.page, pageSize: query.pageSize, access };
}

async function requestRow(merchant: MerchantDto, pageId: string): Promise<PageRow> {
  const row = await findPage(merchant.id, pageId, "invoice");
  if (!row) notFound();
  return row;
}

export async function getPaymentRequest(viewer: Viewer, merchantSlug: string, pageId: string): Promise<PaymentRequestDetail> {
  const merchant = await merchantFor(viewer, "payment-requests:read", { slug: merchantSlug });
  const row = await requestRow(merchant, pageId);
  const [payment, attempts, access] = await Promise.all([
    row.paymentId ? findClientpayPaymentRow(merchant.id, row.paymentId) : null,
    listMoneyAttempts(merchant.id, pageId),
    clientpayAccessOf(merchant.id),
  ]);
  return {
    request: toDto(row),
    hostedUrl: row.hostedUrl,
    options: row.optionsJson ? (JSON.parse(row.optionsJson) as StoredOptions) : { headerText: null, footerText: null, validDays: 0, allowPartial: false, enablePayerSaving: true, sendReceipt: false, receiptEmails: [] },
    payment: payment ? toClientpayPaymentDto(payment) : null,
    attempts,
    access,
  };
}

// ---- creating ----------------------------------------------------------------------------------

export interface NewPaymentRequestForm {
  /** Names this form's request before it exists: the attempt's target, bound into the token. */
  draftKey: string;
  token: string;
  access: ClientpayAccessDto;
  /** A known payer to request from (their saved methods are offered on the page). */
  payer: { payerId: string; displayName: string; email: string | null } | null;
}

const PAGE_OPERATION = { gateway: "clientpay", operation: "payment_page" } as const;

/** The one-time token and draft key the "new request" form carries. */
export async function prepareNewPaymentRequest(viewer: Viewer, merchantSlug: string, payerId?: string): Promise<NewPaymentRequestForm> {
  const merchant = await merchantFor(viewer, "payment-requests:create", { slug: merchantSlug });
  const draftKey = `pr_${randomBytes(18).toString("base64url")}`;
  const payer = payerId
    ? await db.clientpayPayer.findUnique({ where: { merchantAccountId_payerId: { merchantAccountId: merchant.id, payerId } }, select: { payerId: true, displayName: true, email: true } })
    : null;
  return {
    draftKey,
    token: issueMoneyToken({ viewerId: viewer.id, merchantId: merchant.id, operation: `${PAGE_OPERATION.gateway}.${PAGE_OPERATION.operation}`, targetKey: draftKey }),
    access: await clientpayAccessOf(merchant.id),
    payer,
  };
}

/** ClientPay's ceiling on a page's duration (docs/clientpay-api.md, "Hosted pages"). */
const MAX_PAGE_SECONDS = 31_540_000;

function context(viewer: Viewer, merchant: MerchantDto, during: string, meta: RequestMeta, deps: GatewayDeps): ClientpayContext {
  return { merchant, actor: viewer, meta, during, deps };
}

/**
 * Creates the invoice payment page, once per form: a second submit of the same form answers with
 * the first attempt (and its page). The page's postback address carries a fresh token only
 * ClientPay will know; the page row (with the page's request ID sealed) is written in the
 * transaction that records the attempt's success.
 */
export async function createPaymentRequest(
  viewer: Viewer,
  merchantSlug: string,
  input: CreatePaymentRequestInput,
  meta: RequestMeta,
  deps: GatewayDeps = {},
): Promise<{ attempt: MoneyAttemptDto; pageId: string | null }> {
  const merchant = await merchantFor(viewer, "payment-requests:create", { slug: merchantSlug });
  if (input.payerId && !(await db.clientpayPayer.findUnique({ where: { merchantAccountId_payerId: { merchantAccountId: merchant.id, payerId: input.payerId } }, select: { payerId: true } }))) {
    throw new AppError("unknown_payer", "That payer is not one of this account's payers. Nothing was sent.");
  }
  const pageId = randomUUID();
  const postback = newPostbackToken();
  const durationSeconds = Math.min(MAX_PAGE_SECONDS, input.validDays * 86_400);
  const amountCents = input.invoices.reduce((sum, invoice) => sum + invoice.amountCents, 0);
  const invoices: InvoiceLineDto[] = input.invoices.map((invoice) => ({ invoiceNumber: invoice.invoiceNumber, invoiceDate: invoice.invoiceDate, dueDate: input.dueDate || null, amountCents: invoice.amountCents }));
  const options: StoredOptions = {
    headerText: input.headerText || null,
    footerText: input.footerText || null,
    validDays: input.validDays,
    allowPartial: input.allowPartial,
    enablePayerSaving: input.enablePayerSaving,
    sendReceipt: input.sendReceipt,
    receiptEmails: input.receiptEmails,
  };
  const page: InvoicePageInput = {
    // Payments made on the page carry it as their sessionID: one more link back to this request.
    sessionId: pageId,
    invoices: input.invoices.map((invoice) => ({
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
      dueDate: input.dueDate || undefined,
      outstandingBalanceCents: invoice.amountCents,
      editable: input.allowPartial,
      clientName: input.payerName,
    })),
    payerOrPaymentMethodId: input.payerId || undefined,
    nameOnAccount: input.payerName,
    pageOptions: {
      headerText: input.headerText || `Payment request from ${merchant.name}`,
      subHeaderText: input.note || undefined,
      footerText: input.footerText || undefined,
      duration: durationSeconds,
      enablePayerSaving: input.enablePayerSaving,
    },
    emailOptions: input.sendReceipt || input.receiptEmails.length > 0 ? { sendReceiptToPayer: input.sendReceipt, receiptEmails: input.receiptEmails } : undefined,
    responseOptions: { serverSideReturnAddress: postbackAddress(pageId, postback.token) },
  };
  const startedAt = Date.now();
  const clientpay = context(viewer, merchant, "payment-requests.create", meta, deps);

  const attempt = await runMoneyAttempt({
    viewer,
    meta,
    merchantId: merchant.id,
    ...PAGE_OPERATION,
    targetKey: input.draftKey,
    targetType: "payment_request",
    token: input.token,
    amountCents,
    details: { pageId, invoiceNumbers: input.invoices.map((invoice) => invoice.invoiceNumber), payerEmail: input.payerEmail, validDays: input.validDays },
    send: ({ rememberRequestId }) =>
      withClientpaySession(clientpay, (session) => session.createInvoicePaymentPage(page, { onRequestId: (requestId) => rememberRequestId(requestId.reveal()) })),
    settle: () => ({ status: "succeeded", resultRef: pageId, resultKey: pageId, message: "Payment request created. Copy its link or email it to the payer." }),
    applyToMirror: async (tx, created) => {
      await tx.clientpayPage.create({
        data: {
          id: pageId,
          merchantAccountId: merchant.id,
          kind: "invoice",
          requestIdSealed: sealPageRequestId(pageId, created.requestId),
          requestIdHash: requestIdFingerprint(created.requestId),
          hostedUrl: created.url,
          postbackTokenHash: postback.hash,
          expiresAt: new Date(startedAt + durationSeconds * 1000),
          payerName: input.payerName,
          payerEmail: input.payerEmail,
          payerId: input.payerId || null,
          invoicesJson: JSON.stringify(invoices),
          search: [input.payerName, input.payerEmail, ...invoices.map((invoice) => invoice.invoiceNumber)].join(" ").toLowerCase(),
          amountCents,
          dueDate: input.dueDate || null,
          note: input.note || null,
          optionsJson: JSON.stringify(options),
          createdByEmail: viewer.email,
        },
      });
    },
  });
  return { attempt, pageId: attempt.status === "succeeded" ? attempt.resultKey : null };
}

// ---- expiring and checking -------------------------------------------------------------------------

export interface PaymentRequestResult {
  status: "success" | "error";
  message: string;
}

/**
 * Expire Payment Page with the page's own request ID (docs/clientpay-api.md, "Hosted pages"), then
 * one search by that ID, in case the client paid in the moment before: then it is marked paid.
 */
export async function expirePaymentRequest(viewer: Viewer, merchantSlug: string, pageId: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<PaymentRequestResult> {
  const merchant = await merchantFor(viewer, "payment-requests:expire", { slug: merchantSlug });
  const row = await requestRow(merchant, pageId);
  if (row.status === "paid") throw new AppError("already_paid", "This request was already paid; there is nothing to expire.");
  if (row.status === "expired") return { status: "success", message: "This request was already expired." };
  const clientpay = context(viewer, merchant, "payment-requests.expire", meta, deps);
  await clientpayCall(clientpay, (session) => session.expirePage(openPageRequestId(row)), {
    consequence: "The link still works.",
    auditFailure: { action: "payment_request.expire", targetType: "payment_request", targetId: row.id },
  });
  let paid = { paymentId: null as string | null, newlyPaid: false };
  try {
    paid = await readPagePayments(clientpay, row, "expire");
  } catch {
    // The page is expired either way; the payments copy or "Check with ClientPay" finds a late payment.
  }
  if (paid.paymentId) return { status: "success", message: `The client paid just before the link was expired: payment ${paid.paymentId}.` };
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.clientpayPage.updateMany({ where: { id: row.id, status: "open" }, data: { status: "expired", closedAt: now, closedByEmail: viewer.email } });
    await recordAuditEvent({ actor: viewer, action: "payment_request.expire", targetType: "payment_request", targetId: row.id, meta, details: { merchantId: merchant.id, amountCents: row.amountCents } }, tx);
  });
  return { status: "success", message: "The link was expired: the client can no longer pay on it." };
}

/** The fallback to the postback: search ClientPay by the page's request ID and mark it paid if it was. */
export async function checkPaymentRequest(viewer: Viewer, merchantSlug: string, pageId: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<PaymentRequestResult> {
  const merchant = await merchantFor(viewer, "payment-requests:read", { slug: merchantSlug });
  const row = await requestRow(merchant, pageId);
  try {
    const { paymentId } = await readPagePayments(context(viewer, merchant, "payment-requests.check", meta, deps), row, "search");
    if (paymentId) return { status: "success", message: `Paid: payment ${paymentId}.` };
    return { status: "success", message: effectivePageStatus(row) === "open" ? "ClientPay has no approved payment on this request yet." : "ClientPay has no approved payment on this request." };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw upstreamFailure(error);
  }
}
