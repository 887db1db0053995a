import "server-only";
import { AppError } from "@/lib/errors";
import { isAccessIdRejected, isCredentialsRejected } from "@/lib/payments/clientpay";
import { isGatewayError } from "@/lib/payments/http";

/**
 * Messages for access-ID operations. Built from the error's kind only: upstream text and
 * secrets never reach them (GatewayError carries neither in its user message).
 */

/** A short reason for audit details: a code, never upstream text. */
export function failureReason(error: unknown): string {
  if (isAccessIdRejected(error)) return "access_id_rejected";
  if (isCredentialsRejected(error)) return "credentials_rejected";
  if (isGatewayError(error)) return `${error.kind}${error.status ? `_${error.status}` : ""}`;
  if (error instanceof AppError) return error.code;
  return "internal_error";
}

/** Turns a failed ClientPay call into a message naming what went wrong and what was (not) changed. */
export function upstreamFailure(error: unknown, consequence = "Nothing was changed."): AppError {
  if (error instanceof AppError) return new AppError(error.code, `${error.userMessage} ${consequence}`, { cause: error });
  if (!isGatewayError(error)) return new AppError("clientpay_failed", `The ClientPay call failed unexpectedly. ${consequence}`, { cause: error });
  const status = error.status ? ` (HTTP ${error.status})` : "";
  const byKind: Record<string, string> = {
    authentication: isCredentialsRejected(error)
      ? `ClientPay refused this account's integrator key, account key or PIN${status}.`
      : `ClientPay refused the stored access ID${status}.`,
    unavailable: `ClientPay is unavailable right now: server error${status}. Try again shortly.`,
    network: "ClientPay did not answer in time (timeout or network error).",
    bad_shape: "ClientPay sent an answer we could not understand (malformed response).",
    rate_limited: "ClientPay's rate limit was reached. Try again in a minute.",
    validation: `ClientPay rejected the request${status}.`,
    not_found: `ClientPay answered "not found"${status}.`,
  };
  return new AppError(`clientpay_${error.kind}`, `${byKind[error.kind] ?? error.userMessage} ${consequence}`, { cause: error });
}

/** What a rejected (or invalid) stored id means, once we know whether ClientPay has another one. */
export function rejectionMessage(state: "expired" | "replaced"): string {
  return state === "replaced"
    ? "ClientPay no longer accepts the stored access ID: it was replaced by a newer one (a rotation made elsewhere). An admin can use Recover to store the current one."
    : "ClientPay no longer accepts the stored access ID: it was expired. ClientPay calls for this account will fail until an admin issues a new one with “Issue access ID”.";
}
