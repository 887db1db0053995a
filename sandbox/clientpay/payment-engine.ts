import { badRequest, notFound } from "./api-error";
import type { AccountName } from "./credentials";
import type { EmulatorDeps } from "./emulator-env";
import type { PaymentMethodRecord, PaymentRecord } from "./records";
import type { CreditCardInput, ECheckInput } from "./wire-schemas";
import { formatLocal, formatUtc } from "./wire-time";

/**
 * Payment simulation of spec 10.7: any Luhn-valid card is approved except numbers ending in
 * 0002 (declined); a non-Luhn number is a 400; eCheck always approves. New payments are
 * unsettled until the control plane's `settle` runs ("end of day").
 */

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export const DECLINING_CARD_SUFFIX = "0002";

export type Funding =
  | { kind: "card"; card: CreditCardInput }
  | { kind: "eCheck"; eCheck: ECheckInput }
  | { kind: "saved"; payerId: string; method: PaymentMethodRecord };

/** payerOrPaymentMethodId: a payment-method id first, then a payer id (spec 10.5); unknown → 404. */
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
  pageUrl: string | null;
}

export function charge(deps: EmulatorDeps, input: ChargeInput): PaymentRecord {
  const { funding } = input;
  const payment: PaymentRecord = {
    paymentId: deps.store.nextPaymentNumber(),
    account: input.account,
    requestId: input.requestId,
    sessionId: input.sessionId,
    customerRefNumber: input.customerRefNumber,
    status: approves(funding) ? "Approved" : "Declined",
    paymentDate: deps.now(),
    amountCents: input.amountCents,
    taxCents: input.taxCents,
    surchargeCents: 0,
    methodType: funding.kind === "eCheck" || (funding.kind === "saved" && funding.method.kind === "eCheck") ? 1 : 0,
    payerId: funding.kind === "saved" ? funding.payerId : null,
    paymentMethodId: funding.kind === "saved" ? funding.method.id : null,
    orderId: input.orderId,
    description: input.description,
    settled: false,
    refundedCents: 0,
    pageUrl: input.pageUrl,
  };
  deps.store.addPayment(payment);
  return payment;
}

/** The postback "Success" field set (spec 11.6), used by Payment and as the search item base. */
export function paymentWire(payment: PaymentRecord, pageStatus: string | null = null) {
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
    paymentAmount: payment.amountCents / 100,
    paymentTaxAmount: payment.taxCents / 100,
    surchargeAmount: payment.surchargeCents / 100,
    paymentPageUrl: payment.pageUrl,
  };
}

export function searchItemWire(payment: PaymentRecord) {
  return {
    ...paymentWire(payment),
    payerId: payment.payerId,
    paymentMethodId: payment.paymentMethodId,
    orderId: payment.orderId,
    description: payment.description,
  };
}

/** Full Refund/Void (spec 6.2, 10.3, 10.11): void before settlement, refund of what remains after. */
export function refundOrVoid(
  deps: EmulatorDeps,
  account: AccountName,
  paymentId: string,
  enableRemainingAmountRefunds: boolean,
) {
  const payment = deps.store.paymentsById.get(paymentId);
  if (!payment || payment.account !== account) throw notFound("No payment has that paymentId.", ["paymentId"]);
  if (payment.status === "Declined") throw badRequest("A declined payment cannot be refunded or voided.", ["paymentId"]);
  if (payment.status === "Voided") throw badRequest("The transaction has already been voided.", ["paymentId"]);
  if (payment.status === "Refunded" || payment.refundedCents >= payment.amountCents) {
    throw badRequest("The transaction has already been fully refunded.", ["paymentId"]);
  }
  if (!payment.settled) {
    payment.status = "Voided";
    return { success: true, paymentId, refundPaymentId: null, action: "Void" as const, amount: payment.amountCents / 100 };
  }
  if (payment.refundedCents > 0 && !enableRemainingAmountRefunds) {
    throw badRequest("The transaction has already been partially refunded.", ["enableRemainingAmountRefunds"]);
  }
  const remaining = payment.amountCents - payment.refundedCents;
  payment.refundedCents = payment.amountCents;
  payment.status = "Refunded";
  return {
    success: true,
    paymentId,
    refundPaymentId: deps.store.nextPaymentNumber(),
    action: "Refund" as const,
    amount: remaining / 100,
  };
}
