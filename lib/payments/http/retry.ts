import "server-only";
import type { RateLimitInfo } from "./errors";

export interface RetryPolicy {
  /** Total attempts for a retryable, idempotent call (1 = never retry). */
  maxAttempts: number;
  /** First backoff step; doubles each attempt. */
  baseDelayMs: number;
  /** Cap of one exponential step. */
  maxDelayMs: number;
  /**
   * Longest server-requested wait (429 Retry-After / rate-limit reset) we sit through inside one
   * call. Longer waits surface as a rate_limited error so the caller (e.g. a sync budget) decides.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
};

/**
 * "Full jitter" exponential backoff: a uniform wait in [0, min(cap, base * 2^(attempt-1))],
 * so many clients that failed together do not retry together. When the server named a wait
 * (429), that wait is the floor, with up to 10 % jitter on top. Returns undefined when the
 * server asks for longer than the policy allows.
 */
export function computeBackoffMs(
  policy: RetryPolicy,
  attempt: number,
  rateLimit: RateLimitInfo | undefined,
  random: () => number,
): number | undefined {
  const requestedSeconds = rateLimit?.retryAfterSeconds;
  if (requestedSeconds !== undefined) {
    const requestedMs = Math.max(0, requestedSeconds * 1000);
    if (requestedMs > policy.maxRetryAfterMs) return undefined;
    return Math.round(requestedMs + requestedMs * 0.1 * random());
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step * random());
}

/** Parses a Retry-After header (delta seconds or an HTTP date) into seconds from now. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}
