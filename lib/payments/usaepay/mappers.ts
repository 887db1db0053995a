import "server-only";
import { wireMoneyToCents } from "./money";
import type { BatchWire, BillingScheduleWire, CustomerWire, LinkedRefundWire, PaymentMethodWire, TransactionWire } from "./schemas";

/**
 * Domain types the dashboard stores and shows. Money is integer cents; gateway timestamps are
 * kept as sent (gateway-local "YYYY-MM-DD HH:MM:SS") and also converted to UTC ISO strings,
 * assuming the gateway's zone is America/Los_Angeles (docs/usaepay-api.md, "Field encodings").
 */
export type TransactionOutcome = "approved" | "partial" | "declined" | "error" | "verification" | "unknown";

export interface UsaepayResultPair {
  code: string;
  label: string;
}

/** A connected refund as its original lists it. */
export interface UsaepayLinkedRefund {
  key: string;
  refnum: string;
  createdLocal?: string;
  createdAt?: string;
  amountCents?: number;
  statusCode?: string;
  /** A voided (or released) refund gave its money back: it does not count as refunded. */
  voided: boolean;
}

export interface UsaepayTransaction {
  key: string;
  refnum: string;
  createdLocal?: string;
  createdAt?: string;
  typeCode?: string;
  typeLabel?: string;
  outcome: TransactionOutcome;
  resultCode: string;
  statusCode?: string;
  statusLabel?: string;
  authCode?: string;
  amountCents?: number;
  authAmountCents?: number;
  taxCents?: number;
  tipCents?: number;
  card?: { brand?: string; maskedNumber?: string; last4?: string; cardholder?: string; entryMode?: string };
  check?: { accountholder?: string; maskedAccount?: string; maskedRouting?: string; accountType?: string; checkNumber?: string };
  avs?: UsaepayResultPair;
  cvc?: UsaepayResultPair;
  batch?: { key: string; refnum?: string; sequence?: string };
  customerKey?: string;
  customerEmail?: string;
  invoice?: string;
  orderId?: string;
  description?: string;
  isDuplicate: boolean;
  errorCode?: number;
  errorMessage?: string;
  availableActions: string[];
  savedCardToken?: string;
  createdCustomerKey?: string;
  /**
   * The connected refunds of a sale, newest first (voided ones included), when the gateway names
   * them; undefined when the answer carries no link, as the public API documents none
   * (docs/usaepay-api.md, "Linked refunds"). Use `refundPosition` rather than summing by hand.
   */
  refunds?: UsaepayLinkedRefund[];
  /** On a connected refund: the transaction it refunds, when the gateway names it. */
  refundOf?: { key: string; refnum: string };
}

/** What a sale has given back and what may still be refunded, all in cents. */
export interface RefundPosition {
  originalCents: number;
  refundedCents: number;
  remainingCents: number;
}

/**
 * "Already refunded" and "remaining refundable" from the gateway's own answer: approved refunds
 * that are not voided count. Undefined when the answer lists no refunds (unknown, not zero) or
 * has no amount; the DAL then falls back to its own records.
 */
export function refundPosition(tx: Pick<UsaepayTransaction, "amountCents" | "refunds">): RefundPosition | undefined {
  if (!tx.refunds || tx.amountCents === undefined) return undefined;
  const refundedCents = tx.refunds.reduce((total, refund) => total + (refund.voided ? 0 : (refund.amountCents ?? 0)), 0);
  return { originalCents: tx.amountCents, refundedCents, remainingCents: Math.max(0, tx.amountCents - refundedCents) };
}

export interface UsaepayPaymentMethod {
  key: string;
  kind: "card" | "check" | "other";
  name?: string;
  cardholder?: string;
  brand?: string;
  /** Only when the gateway sent more than the last four digits. */
  maskedNumber?: string;
  last4?: string;
  expires?: string;
  accountType?: string;
}

export interface UsaepayBillingSchedule {
  key: string;
  paymentMethodKey?: string;
  amountCents?: number;
  frequency?: string;
  nextDate?: string;
  enabled: boolean;
  description?: string;
}

export interface UsaepayCustomer {
  key: string;
  customerNumber?: string;
  gatewayId?: string;
  company?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  address: { street?: string; street2?: string; city?: string; state?: string; postalCode?: string; country?: string };
  notes?: string;
  description?: string;
  paymentMethods?: UsaepayPaymentMethod[];
  billingSchedules?: UsaepayBillingSchedule[];
}

export interface UsaepayBatch {
  key: string;
  refnum?: string;
  sequence?: string;
  status: "open" | "closing" | "closed" | "unknown";
  openedLocal?: string;
  openedAt?: string;
  closedLocal?: string;
  closedAt?: string;
  salesCount?: number;
  salesCents?: number;
  refundsCount?: number;
  refundsCents?: number;
  /** Batch detail only (list items carry sales and credits alone). */
  voidsCount?: number;
  voidsCents?: number;
  /** Sales + refunds + voids, batch detail only. */
  totalCount?: number;
  /** Sales − refunds; voids are not part of it. */
  netCents?: number;
}

const text = (value: string | number | null | undefined): string | undefined =>
  value === null || value === undefined || value === "" ? undefined : String(value);
const integer = (value: string | number | null | undefined): number | undefined => {
  if (value === null || value === undefined || value === "") return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? Math.trunc(parsed) : undefined;
};

const zoneFormatter = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
});

/** "2026-03-26 13:01:37" in Los Angeles time → ISO UTC; undefined for zero or junk dates. */
export function gatewayLocalToIso(local: string | null | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(local?.trim() ?? "");
  if (!match || match[1] === "0000") return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const asIfUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Offset at that instant: format the guess in LA and compare (twice, to settle DST edges).
  let guess = asIfUtc;
  for (let i = 0; i < 2; i += 1) {
    const parts = Object.fromEntries(zoneFormatter.formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
    const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    guess += asIfUtc - shown;
  }
  return new Date(guess).toISOString();
}

const OUTCOMES: Record<string, TransactionOutcome> = { A: "approved", P: "partial", D: "declined", E: "error", V: "verification" };

function linkedRefund(wire: LinkedRefundWire): UsaepayLinkedRefund {
  const statusCode = text(wire.status_code);
  return {
    key: wire.key,
    refnum: text(wire.refnum) ?? "",
    createdLocal: text(wire.created),
    createdAt: gatewayLocalToIso(wire.created),
    amountCents: wireMoneyToCents(wire.amount),
    statusCode,
    voided: statusCode === "V" || statusCode === "R",
  };
}

function pair(value: { result_code?: string | null; result?: string | null } | null | undefined): UsaepayResultPair | undefined {
  if (!value || value.result_code === null || value.result_code === undefined) return undefined;
  const code = value.result_code.trim();
  if (!code) return undefined;
  return { code, label: value.result ?? code };
}

export function toTransaction(wire: TransactionWire): UsaepayTransaction {
  const card = wire.creditcard;
  const check = wire.check;
  const masked = text(card?.number);
  return {
    key: wire.key ?? "",
    refnum: text(wire.refnum) ?? "",
    createdLocal: text(wire.created),
    createdAt: gatewayLocalToIso(wire.created),
    typeCode: text(wire.trantype_code),
    typeLabel: text(wire.trantype),
    outcome: OUTCOMES[wire.result_code] ?? "unknown",
    resultCode: wire.result_code,
    statusCode: text(wire.status_code),
    statusLabel: text(wire.status),
    authCode: text(wire.authcode),
    amountCents: wireMoneyToCents(wire.amount),
    authAmountCents: wireMoneyToCents(wire.auth_amount),
    taxCents: wireMoneyToCents(wire.amount_detail?.tax),
    tipCents: wireMoneyToCents(wire.amount_detail?.tip),
    card: card ? { brand: text(card.type), maskedNumber: masked, last4: masked?.slice(-4), cardholder: text(card.cardholder), entryMode: text(card.entry_mode) } : undefined,
    check: check ? { accountholder: text(check.accountholder), maskedAccount: text(check.account_number), maskedRouting: text(check.routing_number), accountType: text(check.account_type), checkNumber: text(check.checknum) } : undefined,
    avs: pair(wire.avs),
    cvc: pair(wire.cvc),
    batch: wire.batch ? { key: wire.batch.key, refnum: text(wire.batch.batchrefnum), sequence: text(wire.batch.sequence) } : undefined,
    customerKey: text(wire.cust_key),
    customerEmail: text(wire.customer_email),
    invoice: text(wire.invoice),
    orderId: text(wire.orderid),
    description: text(wire.description),
    isDuplicate: wire.is_duplicate === "Y",
    errorCode: integer(wire.error_code),
    errorMessage: text(wire.error),
    availableActions: wire.available_actions ?? [],
    savedCardToken: wire.savedcard?.key,
    createdCustomerKey: text(wire.customer?.custkey),
    refunds: wire.refunds ? wire.refunds.map(linkedRefund) : undefined,
    refundOf: wire.refund_of ? { key: wire.refund_of.key, refnum: text(wire.refund_of.refnum) ?? "" } : undefined,
  };
}

/**
 * Payment methods carry only the last four digits (`ccnum4last: "2224"`, checks' `account_number:
 * "3210"`); older answers sent a masked number there, so read the digits at the end either way.
 */
export function toPaymentMethod(wire: PaymentMethodWire): UsaepayPaymentMethod {
  const payType = wire.pay_type?.toLowerCase();
  const kind = payType === "check" || wire.account_number ? "check" : payType === "cc" || wire.ccnum4last || wire.card_type ? "card" : "other";
  const shown = text(wire.ccnum4last) ?? text(wire.account_number);
  const last4 = shown?.replace(/\D/g, "").slice(-4) || undefined;
  return {
    key: wire.key,
    kind,
    name: text(wire.method_name),
    cardholder: text(wire.cardholder),
    brand: text(wire.card_type),
    maskedNumber: shown && shown.length > 4 ? shown : undefined,
    last4,
    expires: text(wire.expires),
    accountType: text(wire.account_type),
  };
}

export function toBillingSchedule(wire: BillingScheduleWire): UsaepayBillingSchedule {
  const enabled = wire.enabled;
  return {
    key: wire.key,
    paymentMethodKey: text(wire.paymethod_key),
    amountCents: wireMoneyToCents(wire.amount),
    frequency: text(wire.frequency),
    nextDate: text(wire.next_date),
    enabled: enabled === true || enabled === 1 || enabled === "1" || enabled === "Y" || enabled === "true",
    description: text(wire.description),
  };
}

export function toCustomer(wire: CustomerWire): UsaepayCustomer {
  return {
    key: wire.key,
    customerNumber: text(wire.customerid),
    gatewayId: text(wire.custid),
    company: text(wire.company),
    firstName: text(wire.first_name),
    lastName: text(wire.last_name),
    email: text(wire.email),
    phone: text(wire.phone),
    address: { street: text(wire.street), street2: text(wire.street2), city: text(wire.city), state: text(wire.state), postalCode: text(wire.postalcode), country: text(wire.country) },
    notes: text(wire.notes),
    description: text(wire.description),
    paymentMethods: wire.payment_methods ? wire.payment_methods.map(toPaymentMethod) : undefined,
    billingSchedules: wire.billing_schedules ? wire.billing_schedules.map(toBillingSchedule) : undefined,
  };
}

export function toBatch(wire: BatchWire): UsaepayBatch {
  const status = wire.status ?? (wire.closed ? "closed" : wire.closed === null ? "open" : undefined);
  const salesCents = wireMoneyToCents(wire.sales_amount ?? wire.sales);
  const refundsCents = wireMoneyToCents(wire.refunds_amount ?? wire.credits);
  return {
    key: wire.key,
    refnum: text(wire.batchrefnum),
    sequence: text(wire.sequence),
    status: status === "open" || status === "closing" || status === "closed" ? status : "unknown",
    openedLocal: text(wire.opened),
    openedAt: gatewayLocalToIso(wire.opened),
    closedLocal: text(wire.closed),
    closedAt: gatewayLocalToIso(wire.closed),
    salesCount: integer(wire.sales_count),
    salesCents,
    refundsCount: integer(wire.refunds_count ?? wire.credits_count),
    refundsCents,
    voidsCount: integer(wire.voids_count),
    voidsCents: wireMoneyToCents(wire.voids_amount),
    totalCount: integer(wire.total_count),
    netCents: wireMoneyToCents(wire.total_amount) ?? (salesCents !== undefined ? salesCents - (refundsCents ?? 0) : undefined),
  };
}
