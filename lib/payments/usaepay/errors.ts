import "server-only";
import { GatewayError, type GatewayErrorKind, kindForStatus, parseRetryAfter, type FailedResponse, type RateLimitInfo } from "../http";
import { apiErrorSchema } from "./schemas";

/**
 * USAePay failures → the shared taxonomy. API-level errors are `{"error","errorcode"}` bodies with
 * 401/404/400/429 statuses (docs/usaepay-api.md, "Error model"); the text of `error` is never copied into messages,
 * only the numeric code is kept (as `upstreamCode`).
 */

/** Parses `X-Rate-Limit: "8 of 45/min; 8 of 5000/day"` (quotes optional). */
export function parseRateLimitHeader(value: string | null | undefined): RateLimitInfo | undefined {
  if (!value) return undefined;
  const minute = /(\d+)\s+of\s+(\d+)\s*\/\s*min/i.exec(value);
  const day = /(\d+)\s+of\s+(\d+)\s*\/\s*day/i.exec(value);
  if (!minute && !day) return undefined;
  const info: RateLimitInfo = {};
  if (minute) {
    info.minuteLimit = Number(minute[2]);
    info.minuteRemaining = Math.max(0, Number(minute[2]) - Number(minute[1]));
  }
  if (day) {
    info.dayLimit = Number(day[2]);
    info.dayRemaining = Math.max(0, Number(day[2]) - Number(day[1]));
  }
  return info;
}

export function rateLimitFromHeaders(headers: Headers): RateLimitInfo | undefined {
  const info = parseRateLimitHeader(headers.get("x-rate-limit"));
  const retryAfter = parseRetryAfter(headers.get("retry-after"));
  if (retryAfter === undefined) return info;
  return { ...info, retryAfterSeconds: retryAfter };
}

const USER_MESSAGES: Partial<Record<number, { kind: GatewayErrorKind; message: string }>> = {
  21002: { kind: "authentication", message: "USAePay rejected the API key or PIN." },
  23: { kind: "authentication", message: "USAePay does not recognise this API key." },
  30: { kind: "authentication", message: "USAePay has blocked this API key from processing." },
  20036: { kind: "authentication", message: "This USAePay API key is not enabled for the REST API." },
  21003: { kind: "authentication", message: "This USAePay API key lacks permission for that action." },
  156: { kind: "ip_blocked", message: "USAePay does not accept requests from this server's IP address for this endpoint key." },
  155: { kind: "rate_limited", message: "USAePay's rate limit was reached. Try again in a minute." },
  21001: { kind: "not_found", message: "USAePay does not know this API path." },
  47: { kind: "not_found", message: "USAePay has no such batch." },
  40027: { kind: "not_found", message: "USAePay has no such batch." },
  40030: { kind: "not_found", message: "USAePay has no such customer." },
  99999: { kind: "not_found", message: "USAePay has no such customer." },
  20001: { kind: "not_found", message: "USAePay has no such transaction." },
  20030: { kind: "not_found", message: "USAePay has no such receipt template." },
  21104: { kind: "not_found", message: "USAePay has no such payment request." },
};

export function mapUsaepayError(failure: FailedResponse): GatewayError {
  const parsed = apiErrorSchema.safeParse(failure.body);
  const code = parsed.success ? Number(parsed.data.errorcode) : undefined;
  const known = code === undefined ? undefined : USER_MESSAGES[code];
  let kind: GatewayErrorKind = kindForStatus(failure.status);
  if (failure.status === 429) kind = "rate_limited";
  else if (failure.status === 401 && code === 156) kind = "ip_blocked";
  else if (known && failure.status < 500) kind = known.kind;
  return new GatewayError({
    gateway: "usaepay",
    kind,
    status: failure.status,
    upstreamCode: code === undefined || Number.isNaN(code) ? undefined : String(code),
    userMessage: known && known.kind === kind ? known.message : undefined,
    rateLimit: rateLimitFromHeaders(failure.headers),
  });
}

/**
 * An API-level error body (`error` + `errorcode`, no transaction `result_code`) that arrived with a 2xx
 * status. The official PHP SDK treats such bodies as errors; so do we.
 */
export function errorInSuccessBody(body: unknown, response: { status: number; headers: Headers }): GatewayError | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body) || "result_code" in body) return undefined;
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const code = Number(parsed.data.errorcode);
  const known = USER_MESSAGES[code];
  return new GatewayError({
    gateway: "usaepay",
    kind: known?.kind ?? "validation",
    status: response.status,
    upstreamCode: Number.isNaN(code) ? undefined : String(code),
    userMessage: known?.message,
    rateLimit: rateLimitFromHeaders(response.headers),
  });
}

/**
 * A transaction answer that is not an approval (HTTP 200, result_code D or E) as a GatewayError,
 * for callers that prefer to throw. Declines carry the processor's short text, which is safe to show.
 */
export function transactionFailure(result: { resultCode: string; errorCode?: number; errorMessage?: string }): GatewayError | undefined {
  if (result.resultCode === "A" || result.resultCode === "P") return undefined;
  const code = result.errorCode;
  const kind: GatewayErrorKind = result.resultCode === "D" ? "declined" : code === 80 || code === 84 ? "authentication" : "validation";
  return new GatewayError({
    gateway: "usaepay",
    kind,
    upstreamCode: code === undefined ? undefined : String(code),
    userMessage: result.errorMessage ? `The payment was not accepted: ${result.errorMessage}` : undefined,
  });
}
