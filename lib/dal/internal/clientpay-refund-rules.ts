import "server-only";

/**
 * What a Full Refund/Void of a ClientPay payment would do, decided before staff confirm and
 * again, on a fresh read, just before the call (docs/clientpay-api.md, "Refund or void"):
 * ClientPay voids an unsettled payment (the whole amount) and refunds a settled one (what
 * remains); a payment already partly refunded is refused unless enableRemainingAmountRefunds
 * is sent, which is offered only then. Declined, voided and fully refunded payments are refused.
 */
export interface RefundablePayment {
  status: string;
  amountCents: number;
  refundedCents: number;
  /** Null when the service did not say (the real one documents no settlement flag). */
  isSettled: boolean | null;
}

export type RefundPlan =
  | {
      allowed: true;
      /** "either": settlement unknown, ClientPay decides (void if unsettled, refund if settled). */
      action: "void" | "refund" | "either";
      amountCents: number;
      /** Partly refunded already: the call must carry enableRemainingAmountRefunds. */
      remainingOnly: boolean;
    }
  | { allowed: false; code: string; reason: string };

export function planRefund(payment: RefundablePayment): RefundPlan {
  const remaining = payment.amountCents - payment.refundedCents;
  if (payment.status === "Declined") return { allowed: false, code: "declined", reason: "This payment was declined: no money moved, so there is nothing to refund or void." };
  if (payment.status === "Voided") return { allowed: false, code: "voided", reason: "This payment was already voided." };
  if (payment.status === "Refunded" || remaining <= 0) return { allowed: false, code: "refunded", reason: "This payment was already refunded in full." };
  if (payment.status !== "Approved" && payment.status !== "PartiallyRefunded") {
    return { allowed: false, code: "unknown_status", reason: "ClientPay reports a status Paydesk does not know for this payment, so it offers no refund." };
  }
  const remainingOnly = payment.refundedCents > 0;
  if (payment.isSettled === false && !remainingOnly) return { allowed: true, action: "void", amountCents: payment.amountCents, remainingOnly };
  if (payment.isSettled === true || remainingOnly) return { allowed: true, action: "refund", amountCents: remaining, remainingOnly };
  return { allowed: true, action: "either", amountCents: remaining, remainingOnly };
}

/** The refusal a confirmed form gets when the payment changed since the page showed it. */
export function refusalOf(plan: RefundPlan, confirmedRemaining: boolean): string | null {
  if (!plan.allowed) return plan.reason;
  if (plan.remainingOnly && !confirmedRemaining) {
    return "This payment was already partly refunded. Tick “Refund the remaining amount” to refund what is left.";
  }
  return null;
}
