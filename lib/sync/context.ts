import "server-only";
import type { Page, UsaepayClient } from "@/lib/payments/usaepay";
import { isGatewayError } from "@/lib/payments/http";
import type { UpstreamBudget } from "./budget";

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

/** One budgeted upstream call: waits for a point, records X-Rate-Limit, turns a 429 into a shared pause. */
export async function budgeted<T>(ctx: SyncContext, call: () => Promise<T>): Promise<T> {
  await ctx.budget.acquire(ctx.signal);
  try {
    const result = await call();
    const rateLimit = (result as Partial<Page<unknown>> | undefined)?.rateLimit ?? ctx.client.lastRateLimit;
    await ctx.budget.record(rateLimit);
    return result;
  } catch (error) {
    if (isGatewayError(error) && error.kind === "rate_limited") {
      await ctx.budget.record(error.rateLimit);
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
