import { z } from "zod";
import { accountSlug, checkbox, moneyFormToken } from "./form-fields";
import type { ColumnChoice } from "./table-columns";
import { pick, tableHref, tableQuerySchema, type SearchParams } from "./table-state";
import { isoDay } from "./days";
import { amountText, dollarsToCents } from "./transactions";

/**
 * The ClientPay payments table's URL state: search (payer name or email, invoice or order
 * number), filters (payment date range, status, method, amount), sort and page. Statuses are
 * ClientPay's (docs/clientpay-api.md, "Refund or void"); junk falls back to the defaults.
 */
export const CLIENTPAY_STATUSES = {
  Approved: { label: "Approved", tone: "good" },
  Declined: { label: "Declined", tone: "bad" },
  Voided: { label: "Voided", tone: "neutral" },
  Refunded: { label: "Refunded", tone: "neutral" },
  PartiallyRefunded: { label: "Partly refunded", tone: "warn" },
} as const;
export type ClientpayStatus = keyof typeof CLIENTPAY_STATUSES;
export const CLIENTPAY_STATUS_KEYS = Object.keys(CLIENTPAY_STATUSES) as [ClientpayStatus, ...ClientpayStatus[]];

export const PAYMENT_METHODS = { card: "Card", eCheck: "eCheck" } as const;
export type PaymentMethodKind = keyof typeof PAYMENT_METHODS;

/** "Visa ••••1111", "eCheck ••••0010": ClientPay gives the last four only, and that is all the desk shows. */
export function paymentMethodText(payment: { method: string | null; cardBrand: string | null; accountLast4: string | null }): string {
  if (!payment.method) return "—";
  const label = payment.method === "eCheck" ? "eCheck" : (payment.cardBrand ?? "Card");
  return payment.accountLast4 ? `${label} ••••${payment.accountLast4}` : label;
}

/**
 * The payments table's columns: the `inTable` ones are what the table shows (payer and email,
 * invoices and order number, amount and refunded each in their own column); exports offer all.
 * None carries a request ID, a saved method's id or anything of the access ID.
 */
export const CLIENTPAY_PAYMENT_COLUMNS = [
  { id: "date", label: "Paid", inTable: true },
  { id: "paymentId", label: "Payment #", inTable: true },
  { id: "payer", label: "Payer", inTable: true },
  { id: "payerEmail", label: "Payer email", inTable: true },
  { id: "invoices", label: "Invoices", inTable: true },
  { id: "orderId", label: "Order number", inTable: true },
  { id: "method", label: "Method", inTable: true },
  { id: "status", label: "Status", inTable: true },
  { id: "amount", label: "Amount", inTable: true },
  { id: "refunded", label: "Refunded", inTable: true },
  { id: "tax", label: "Tax" },
  { id: "surcharge", label: "Surcharge" },
  { id: "settled", label: "Settled" },
  { id: "settledAt", label: "Settled at" },
  { id: "paidAtLocal", label: "Paid (ClientPay's time)" },
  { id: "description", label: "Description" },
  { id: "customerRefNumber", label: "Customer reference" },
  { id: "payerId", label: "Payer ID" },
] as const satisfies readonly ColumnChoice[];

export const CLIENTPAY_PAYMENT_SORTS = ["date", "amount", "payer", "status"] as const;
export type ClientpayPaymentSort = (typeof CLIENTPAY_PAYMENT_SORTS)[number];

const schema = tableQuerySchema(CLIENTPAY_PAYMENT_SORTS, {
  status: z.enum(CLIENTPAY_STATUS_KEYS).optional().catch(undefined),
  method: z.enum(["card", "eCheck"]).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  min: dollarsToCents,
  max: dollarsToCents,
});

export type ClientpayPaymentQuery = z.infer<typeof schema>;
const KEYS = ["q", "status", "method", "from", "to", "min", "max", "sort", "dir", "page", "pageSize"] as const;

export function parseClientpayPaymentQuery(params: SearchParams): ClientpayPaymentQuery {
  return schema.parse(pick(params, KEYS));
}

/** The URL state as plain strings: links, the pager's hidden fields. */
export function clientpayPaymentUrlState(query: ClientpayPaymentQuery) {
  return { q: query.q, status: query.status, method: query.method, from: query.from, to: query.to, min: amountText(query.min) || undefined, max: amountText(query.max) || undefined, sort: query.sort, dir: query.dir, page: query.page, pageSize: query.pageSize };
}

export function clientpayPaymentHref(base: string, query: ClientpayPaymentQuery, changes: Partial<ClientpayPaymentQuery> = {}): string {
  return tableHref(base, query, changes, clientpayPaymentUrlState, { sort: CLIENTPAY_PAYMENT_SORTS[0] });
}

export function isFiltered(query: ClientpayPaymentQuery): boolean {
  return !!(query.q || query.status || query.method || query.from || query.to || query.min !== undefined || query.max !== undefined);
}

// ---- forms -------------------------------------------------------------------------------------

/** Full refund or void of one payment. */
export const refundPaymentSchema = z.object({
  merchant: accountSlug,
  paymentId: z.string().trim().regex(/^\d{1,20}$/, "Not a valid payment."),
  token: moneyFormToken,
  refundNote: z.string().trim().max(200, "Keep the note under 200 characters.").optional().default(""),
  enableRemainingAmountRefunds: checkbox,
});
export type RefundPaymentInput = z.infer<typeof refundPaymentSchema>;

/** "Check the outcome" of an attempt whose answer never came. */
export const reconcileAttemptSchema = z.object({
  merchant: accountSlug,
  attemptId: z.string().trim().min(1).max(64),
});
