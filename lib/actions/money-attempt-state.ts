import type { MoneyAttemptDto } from "@/lib/dal/clientpay-payments";
import type { ActionState } from "./action-state";

/**
 * What a money form shows after its submit: the attempt's own safe message, marked when this
 * submit found the earlier attempt of the same form (a double click, a replayed post) and so
 * made no call. Only "succeeded" reads as success; declines, failures and unknown outcomes are
 * errors the person must look at.
 */
export function moneyAttemptState(attempt: MoneyAttemptDto): ActionState {
  const message = attempt.message ?? (attempt.status === "pending" ? "its answer from the payment service is still coming; reload the page in a moment." : "Recorded.");
  return {
    status: attempt.status === "succeeded" ? "success" : "error",
    message: attempt.replayed ? `This form was already submitted, so nothing was sent again. The first submit: ${message}` : message,
  };
}
