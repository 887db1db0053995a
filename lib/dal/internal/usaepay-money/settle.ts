import "server-only";
import { formatCents } from "@/lib/format";
import { transactionFailure, type UsaepayTransaction } from "@/lib/payments/usaepay";
import type { Settlement } from "../money-attempts";

/**
 * What a USAePay POST /transactions answer means for an attempt. Every outcome is HTTP 200 with
 * a transaction object (docs/usaepay-api.md, "Error model"): A/P approved, D declined, anything
 * else (E error: "amount exceeds the original", "batch already closed" …) a definite refusal.
 */
export function settleAnswer(answer: UsaepayTransaction, approvedMessage: (answer: UsaepayTransaction) => string): Settlement {
  const reference = { resultRef: answer.refnum || null, resultKey: answer.key || null, resultCode: answer.errorCode ? `${answer.resultCode}:${answer.errorCode}` : answer.resultCode };
  if (answer.outcome === "approved" || answer.outcome === "partial") return { status: "succeeded", ...reference, message: approvedMessage(answer) };
  // The processor's short text (e.g. "Card Declined (F)") is safe to show; transactionFailure words it.
  const failure = transactionFailure(answer);
  if (answer.outcome === "declined") return { status: "declined", ...reference, message: `${failure?.userMessage ?? "USAePay declined it."} Nothing was moved.` };
  return { status: "failed", ...reference, message: `${failure?.userMessage ?? "USAePay refused it."} Nothing was moved.` };
}

export const MESSAGES = {
  refund: (cents: number) => (answer: UsaepayTransaction) => `Refunded ${formatCents(cents)} (reference ${answer.refnum}).`,
  void: (release: boolean) => () =>
    release
      ? "Voided, and the hold on the customer's card was released: the funds are available to them again right away. This cannot be undone."
      : "Voided: the sale will not settle and the customer is not charged. The hold on their card drops off on their bank's schedule (usually a few days).",
  capture: (cents: number) => () => `Captured ${formatCents(cents)}: it settles with the open batch.`,
  adjust: (cents: number) => () => `The amount is now ${formatCents(cents)}.`,
  charge: (cents: number) => (answer: UsaepayTransaction) => `Charged ${formatCents(cents)} (reference ${answer.refnum}).`,
} as const;
