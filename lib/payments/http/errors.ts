/**
 * One error taxonomy for every payment gateway. A gateway client turns each failure
 * into a GatewayError; callers decide on `kind` and `retryable`, and show `userMessage`.
 * No message here ever contains a key, PIN, access ID, request ID or upstream body.
 */
export type GatewayErrorKind =
  | "declined" // the processor said no (a business outcome, not a fault)
  | "validation" // the request was refused as malformed or incomplete
  | "authentication" // wrong key / PIN / hash, or an expired or replaced access id
  | "ip_blocked" // the key is restricted to other source addresses
  | "rate_limited" // 429: over the per-minute or per-day allowance
  | "not_found" // the upstream resource does not exist
  | "unavailable" // 5xx from upstream
  | "network" // connection refused, reset, DNS, or our timeout fired
  | "bad_shape"; // a body that is not JSON or does not match the wire schema

export interface RateLimitInfo {
  /** Figures parsed from USAePay's X-Rate-Limit header, when present. */
  minuteLimit?: number;
  minuteRemaining?: number;
  dayLimit?: number;
  dayRemaining?: number;
  /** Seconds to wait before the next call is likely to be accepted. */
  retryAfterSeconds?: number;
}

const DEFAULT_MESSAGES: Record<GatewayErrorKind, string> = {
  declined: "The payment was declined.",
  validation: "The payment service rejected the request as invalid.",
  authentication: "The payment service did not accept this account's credentials.",
  ip_blocked: "The payment service does not allow requests from this server's IP address.",
  rate_limited: "The payment service's rate limit was reached. Try again in a minute.",
  not_found: "The payment service has no such record.",
  unavailable: "The payment service is unavailable right now. Try again shortly.",
  network: "The payment service could not be reached (network error or timeout).",
  bad_shape: "The payment service sent a response we could not understand.",
};

const RETRYABLE: Record<GatewayErrorKind, boolean> = {
  declined: false,
  validation: false,
  authentication: false,
  ip_blocked: false,
  rate_limited: true,
  not_found: false,
  unavailable: true,
  network: true,
  bad_shape: false,
};

/** The message of an error whose call may have taken effect (see `outcomeUnknown`). */
export const OUTCOME_UNKNOWN_MESSAGE =
  "The payment service did not confirm the result, so it may or may not have gone through. It must be checked before anyone tries again.";

export class GatewayError extends Error {
  readonly gateway: "usaepay" | "clientpay";
  readonly kind: GatewayErrorKind;
  readonly retryable: boolean;
  readonly userMessage: string;
  readonly status?: number;
  /** The gateway's own error code (USAePay `errorcode`, ClientPay `code`), never its secret-bearing text. */
  readonly upstreamCode?: string;
  readonly rateLimit?: RateLimitInfo;
  /**
   * True when a call that must not be repeated (money movement, anything not idempotent) failed
   * in a way that leaves open whether the gateway acted on it: a timeout or reset after the
   * request may have gone out, a 5xx, or an answer we could not read. The caller records the
   * attempt as "outcome unknown" and reconciles it by a read; such an error is never retryable.
   */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    gateway: "usaepay" | "clientpay";
    kind: GatewayErrorKind;
    userMessage?: string;
    status?: number;
    upstreamCode?: string;
    rateLimit?: RateLimitInfo;
    outcomeUnknown?: boolean;
    cause?: unknown;
  }) {
    const outcomeUnknown = init.outcomeUnknown ?? false;
    const userMessage = init.userMessage ?? (outcomeUnknown ? OUTCOME_UNKNOWN_MESSAGE : DEFAULT_MESSAGES[init.kind]);
    super(`${init.gateway} ${init.kind}${init.status ? ` (HTTP ${init.status})` : ""}: ${userMessage}`, {
      cause: init.cause,
    });
    this.name = "GatewayError";
    this.gateway = init.gateway;
    this.kind = init.kind;
    this.retryable = RETRYABLE[init.kind] && !outcomeUnknown;
    this.outcomeUnknown = outcomeUnknown;
    this.userMessage = userMessage;
    this.status = init.status;
    this.upstreamCode = init.upstreamCode;
    this.rateLimit = init.rateLimit;
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** A failed call that may have taken effect: record it as "outcome unknown" and reconcile by a read. */
export function isOutcomeUnknown(error: unknown): error is GatewayError {
  return error instanceof GatewayError && error.outcomeUnknown;
}

/** The same failure, marked as possibly having taken effect (its own message then says so). */
export function withOutcomeUnknown(error: GatewayError): GatewayError {
  if (error.outcomeUnknown) return error;
  return new GatewayError({
    gateway: error.gateway,
    kind: error.kind,
    status: error.status,
    upstreamCode: error.upstreamCode,
    rateLimit: error.rateLimit,
    outcomeUnknown: true,
    cause: error.cause,
  });
}
