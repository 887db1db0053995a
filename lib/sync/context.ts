import "server-only";
import type { Page, UsaepayClient } from "@/lib/payments/usaepay";
import { isGatewayError } from "@/lib/payments/http";
import { BudgetSpentError, type UpstreamBudget } from "./budget";

/** What one sync run works with, and the one way it calls upstream. */
export interface SyncSettings {
  /** Rows per list call: 1000, the size the docs use (no maximum is documented), and the cheapest per row (docs/usaepay-api.md, List paging). */
  pageSize: number;
  leaseMs: number;
  /** Incremental runs re-read at least this far back, so recent status changes arrive. */
  recentWindowMs: number;
  /** Pending batches older than the window re-read per run (voids, settlement). */
  maxOpenBatches: number;
  /** Customer detail calls (payment methods, schedules) per run, after the lists. */
  detailsPerRun: number;
  /**
   * After each page the sync rests this many times as long as the page took, so page views
   * served by the same process stay quick even when the upstream budget is generous.
   */
  restFactor: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  pageSize: 1000,
  leaseMs: 120_000,
  recentWindowMs: 3 * 24 * 3600_000,
  maxOpenBatches: 10,
  detailsPerRun: 10,
  restFactor: 1,
};

export interface SyncContext {
  merchantAccountId: string;
  client: UsaepayClient;
  budget: UpstreamBudget;
  owner: string;
  settings: SyncSettings;
  signal?: AbortSignal;
  now: () => number;
}

export type SyncOutcome = "completed" | "busy" | "waiting" | "failed" | "aborted";

export class RateLimitedError extends Error {
  constructor(readonly until: Date) {
    super("upstream rate limit reached");
    this.name = "RateLimitedError";
  }
}

/**
 * One budgeted upstream call: waits for a call from the shared budget (the sync's share only),
 * records X-Rate-Limit against the call's start, turns a 429 into a pause of the whole budget.
 * The sync's client never retries by itself, so one grant is exactly one upstream call.
 */
export async function budgeted<T>(ctx: SyncContext, call: () => Promise<T>): Promise<T> {
  let startedAt: number;
  try {
    ({ startedAt } = await ctx.budget.acquire(ctx.signal));
  } catch (error) {
    if (error instanceof BudgetSpentError) throw new RateLimitedError(error.until);
    throw error;
  }
  try {
    const result = await call();
    const rateLimit = (result as Partial<Page<unknown>> | undefined)?.rateLimit ?? ctx.client.lastRateLimit;
    await ctx.budget.record(rateLimit, startedAt);
    return result;
  } catch (error) {
    if (isGatewayError(error)) await ctx.budget.record(error.rateLimit, startedAt);
    if (isGatewayError(error) && error.kind === "rate_limited") {
      const until = await ctx.budget.pause(error.rateLimit?.retryAfterSeconds ?? 60);
      throw new RateLimitedError(until);
    }
    throw error;
  }
}

/** Gives the event loop (and the database) back to page requests between pages. */
export async function rest(ctx: SyncContext, startedAt: number): Promise<void> {
  const ms = Math.min(2000, (performance.now() - startedAt) * ctx.settings.restFactor);
  if (ms < 1) return;
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
}
