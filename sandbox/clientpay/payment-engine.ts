import { badRequest, notFound } from "./api-error";
import type { AccountName } from "./credentials";
import type { EmulatorDeps } from "./emulator-env";
import { BRAND_NAMES, brandOf, luhnValid } from "../usaepay/cards";
import { pageUrl } from "./pages";
import type { PayerRecord, PaymentMethodRecord, PaymentRecord } from "./records";
import type { CreditCardInput, ECheckInput } from "./wire-schemas";
import { formatLocal, formatUtc } from "./wire-time";

/**
 * Payment simulation (docs/clientpay-api.md, "Test cards and magic inputs"): any Luhn-valid card is approved except numbers ending in
 * 0002 (declined); a non-Luhn number is a 400; eCheck always approves. New payments are
 * unsettled until they settle (settlement.ts).
 */

/** The Luhn check is the USAePay emulator's (one implementation for both emulators). */
export function isLuhnValid(digits: string): boolean {
  return digits.length > 0 && luhnValid(digits);
}

export const DECLINING_CARD_SUFFIX = "0002";

export type Funding =
  | { kind: "card"; card: CreditCardInput }
  | { kind: "eCheck"; eCheck: ECheckInput }
  | { kind: "saved"; payerId: string; method: PaymentMethodRecord };

/** payerOrPaymentMethodId: a payment-method id first, then a payer id (docs/clientpay-api.md, "Payments"); unknown → 404. */
export function resolveSavedFunding(deps: EmulatorDeps, account: AccountName, id: string): Funding {
  const byMethod = deps.store.paymentMethodOf(account, id);
  if (byMethod) return { kind: "saved", payerId: byMethod.payer.id, method: byMethod.method };
  const payer = deps.store.payerOf(account, id);
  if (!payer) throw notFound("No payer or payment method has that id.", ["payerOrPaymentMethodId"]);
  const primary = payer.methods.find((method) => method.isPrimary) ?? null;
  if (!primary) throw badRequest("The payer has no primary payment method.", ["payerOrPaymentMethodId"]);
  return { kind: "saved", payerId: payer.id, method: primary };
}

function approves(funding: Funding): boolean {
  if (funding.kind === "card") return !funding.card.cardNumber.endsWith(DECLINING_CARD_SUFFIX);
  if (funding.kind === "saved") return !funding.method.declines;
  return true;
}

export function assertFundingValid(funding: Funding): void {
  if (funding.kind === "card" && !isLuhnValid(funding.card.cardNumber)) {
    throw badRequest("The card number is not valid.", ["creditCard.cardNumber"]);
  }
}

export interface ChargeInput {
  account: AccountName;
  requestId: string;
  sessionId: string | null;
  customerRefNumber: string | null;
  amountCents: number;
  taxCents: number;
  funding: Funding;
  orderId: string | null;
  description: string | null;
  /** Who pays; for saved funding the payer's own name and email are used when these are null. */
  payerName: string | null;
  payerEmail: string | null;
  invoiceNumbers: string[];
  pageRequestId: string | null;
}

function fundingSummary(deps: EmulatorDeps, funding: Funding) {
  if (funding.kind === "card") {
    const brand = brandOf(funding.card.cardNumber);
    return { methodType: 0 as const, last4: funding.card.cardNumber.slice(-4), cardBrand: brand ? BRAND_NAMES[brand] : null, holder: funding.card.cardholderName };
  }
  if (funding.kind === "eCheck") {
    return { methodType: 1 as const, last4: funding.eCheck.accountNumber.slice(-4), cardBrand: null, holder: funding.eCheck.nameOnAccount };
  }
  const payer = deps.store.payers.get(funding.payerId);
  const holder = funding.method.cardholderName ?? funding.method.nameOnAccount ?? (payer ? payerDisplayName(payer) : null);
  return { methodType: funding.method.kind === "eCheck" ? (1 as const) : (0 as const), last4: funding.method.last4, cardBrand: funding.method.cardBrand, holder };
}

export function payerDisplayName(payer: PayerRecord): string | null {
  return payer.businessName || [payer.firstName, payer.lastName].filter(Boolean).join(" ") || null;
}

export function charge(deps: EmulatorDeps, input: ChargeInput): PaymentRecord {
  const { funding } = input;
  const summary = fundingSummary(deps, funding);
  const payer = funding.kind === "saved" ? deps.store.payers.get(funding.payerId) : undefined;
  const now = deps.now();
  const payment: PaymentRecord = {
    paymentId: deps.store.nextPaymentNumber(),
    account: input.account,
    requestId: input.requestId,
    sessionId: input.sessionId,
    customerRefNumber: input.customerRefNumber,
    status: approves(funding) ? "Approved" : "Declined",
    paymentDate: now,
    amountCents: input.amountCents,
    taxCents: input.taxCents,
    surchargeCents: 0,
    methodType: summary.methodType,
    last4: summary.last4,
    cardBrand: summary.cardBrand,
    payerId: funding.kind === "saved" ? funding.payerId : null,
    paymentMethodId: funding.kind === "saved" ? funding.method.id : null,
    payerName: input.payerName ?? (payer ? payerDisplayName(payer) : null) ?? summary.holder,
    payerEmail: input.payerEmail ?? payer?.emails[0] ?? null,
    invoiceNumbers: input.invoiceNumbers,
    orderId: input.orderId,
    description: input.description,
    settledAt: null,
    refundedCents: 0,
    refunds: [],
    updatedAt: now,
    pageRequestId: input.pageRequestId,
  };
  deps.store.addPayment(payment);
  return payment;
}

function pageUrlOf(deps: EmulatorDeps, payment: PaymentRecord): string | null {
  const page = payment.pageRequestId ? deps.store.pages.get(payment.pageRequestId) : undefined;
  return page ? pageUrl(deps.appBaseUrl, page) : null;
}

const money = (cents: number) => cents / 100;

/** The postback "Success" field set (docs/clientpay-api.md, "Postbacks"), used by Payment and as the search item base. */
export function paymentWire(deps: EmulatorDeps, payment: PaymentRecord, pageStatus: string | null = null) {
  return {
    requestID: payment.requestId,
    paymentID: payment.paymentId,
    sessionID: payment.sessionId,
    customerRefNumber: payment.customerRefNumber,
    paymentStatus: payment.status,
    paymentPageUrlStatus: pageStatus,
    paymentDate: formatLocal(payment.paymentDate),
    paymentDateUtc: formatUtc(payment.paymentDate),
    paymentMethodType: payment.methodType,
    statusByType: 0,
    paymentAmount: money(payment.amountCents),
    paymentTaxAmount: money(payment.taxCents),
    surchargeAmount: money(payment.surchargeCents),
    paymentPageUrl: pageUrlOf(deps, payment),
  };
}

/**
 * A Payment Search item: the documented keys (postback set plus payerId, paymentMethodId,
 * orderId, description), then our extension keys (docs/clientpay-api.md, "Payment search").
 */
export function searchItemWire(deps: EmulatorDeps, payment: PaymentRecord) {
  const page = payment.pageRequestId ? deps.store.pages.get(payment.pageRequestId) : undefined;
  return {
    ...paymentWire(deps, payment, page ? page.status : null),
    payerId: payment.payerId,
    paymentMethodId: payment.paymentMethodId,
    orderId: payment.orderId,
    description: payment.description,
    payerName: payment.payerName,
    payerEmail: payment.payerEmail,
    invoiceNumbers: payment.invoiceNumbers,
    accountLast4: payment.last4,
    cardBrand: payment.cardBrand,
    isSettled: payment.settledAt !== null,
    settledDateUtc: payment.settledAt ? formatUtc(payment.settledAt) : null,
    refundedAmount: money(payment.refundedCents),
    refunds: payment.refunds.map((refund) => ({
      refundPaymentId: refund.refundPaymentId,
      requestID: refund.requestId,
      action: refund.action,
      amount: money(refund.amountCents),
      refundNote: refund.refundNote,
      orderId: refund.orderId,
      refundDateUtc: formatUtc(refund.date),
    })),
    lastModifiedUtc: formatUtc(payment.updatedAt),
  };
}

export interface RefundOrVoidInput {
  paymentId: string;
  requestId: string;
  enableRemainingAmountRefunds: boolean;
  refundNote: string | null;
  orderId: string | null;
}

/**
 * Full Refund/Void (docs/clientpay-api.md, "Refund or void"): a void before settlement, a
 * refund of what remains after; a partly refunded payment needs enableRemainingAmountRefunds.
 */
export function refundOrVoid(deps: EmulatorDeps, account: AccountName, input: RefundOrVoidInput) {
  const now = deps.now();
  const payment = deps.store.paymentOf(account, input.paymentId, now);
  if (!payment) throw notFound("No payment has that paymentId.", ["paymentId"]);
  if (payment.status === "Declined") throw badRequest("A declined payment cannot be refunded or voided.", ["paymentId"]);
  if (payment.status === "Voided") throw badRequest("The transaction has already been voided.", ["paymentId"]);
  if (payment.status === "Refunded" || payment.refundedCents >= payment.amountCents) {
    throw badRequest("The transaction has already been fully refunded.", ["paymentId"]);
  }
  const record = { requestId: input.requestId, refundNote: input.refundNote, orderId: input.orderId, date: now };
  if (!payment.settledAt) {
    payment.status = "Voided";
    payment.updatedAt = now;
    payment.refunds.push({ ...record, refundPaymentId: null, action: "Void", amountCents: payment.amountCents });
    return { success: true, paymentId: payment.paymentId, refundPaymentId: null, action: "Void" as const, amount: money(payment.amountCents) };
  }
  if (payment.refundedCents > 0 && !input.enableRemainingAmountRefunds) {
    throw badRequest("The transaction has already been partially refunded.", ["enableRemainingAmountRefunds"]);
  }
  const remaining = payment.amountCents - payment.refundedCents;
  const refundPaymentId = deps.store.nextPaymentNumber();
  payment.refunds.push({ ...record, refundPaymentId, action: "Refund", amountCents: remaining });
  payment.refundedCents = payment.amountCents;
  payment.status = "Refunded";
  payment.updatedAt = now;
  return { success: true, paymentId: payment.paymentId, refundPaymentId, action: "Refund" as const, amount: money(remaining) };
}

/** A partial refund made inside the ClientPay web app (no API makes one); control plane only. */
export function partialRefund(deps: EmulatorDeps, payment: PaymentRecord, cents: number, note: string | null): void {
  const now = deps.now();
  if ((payment.status !== "Approved" && payment.status !== "PartiallyRefunded") || payment.refundedCents + cents >= payment.amountCents) {
    throw badRequest("Only part of an approved, not fully refunded payment can be refunded this way.");
  }
  // A refund implies the payment settled; "end of day" arrives early for it.
  payment.settledAt ??= now;
  payment.refundedCents += cents;
  payment.status = "PartiallyRefunded";
  payment.updatedAt = now;
  payment.refunds.push({ refundPaymentId: deps.store.nextPaymentNumber(), action: "PartialRefund", amountCents: cents, requestId: null, refundNote: note, orderId: null, date: now });
}
