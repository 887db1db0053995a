import "server-only";

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

/**
 * What to tell someone when a call that moves money may have gone through without us seeing the
 * answer (see `GatewayError.outcomeUnknown`). Safe to show; it names no gateway detail.
 */
export const OUTCOME_UNKNOWN_MESSAGE =
  "The payment service did not confirm the result, so it may or may not have gone through. Check the transaction before trying again.";

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
   * True when a request that is not safe to repeat (sale, refund, void, capture, batch close ...)
   * may have been acted on upstream although we have no answer: a timeout or a broken connection
   * after sending, a 5xx, or a 2xx body we could not read. Record such an attempt as "outcome
   * unknown" and reconcile it by a read; never send it again blindly. Always false for reads and
   * for failures that prove nothing happened (connection refused, DNS, any 4xx).
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
    // A call that may have been acted on is never sent again blindly.
    this.retryable = RETRYABLE[init.kind] && !outcomeUnknown;
    this.userMessage = userMessage;
    this.status = init.status;
    this.upstreamCode = init.upstreamCode;
    this.rateLimit = init.rateLimit;
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * The same failure, flagged as "the request may have been acted on" (see `outcomeUnknown`);
   * its message then says so, since "could not be reached" would wrongly suggest nothing happened.
   */
  asOutcomeUnknown(): GatewayError {
    if (this.outcomeUnknown) return this;
    return new GatewayError({
      gateway: this.gateway,
      kind: this.kind,
      status: this.status,
      upstreamCode: this.upstreamCode,
      rateLimit: this.rateLimit,
      cause: this.cause,
      outcomeUnknown: true,
    });
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** The one test the DAL needs before recording a money-moving attempt as "outcome unknown". */
export function isOutcomeUnknown(error: unknown): error is GatewayError & { outcomeUnknown: true } {
  return error instanceof GatewayError && error.outcomeUnknown;
}
