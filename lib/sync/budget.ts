import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { defaultSleep, type RateLimitInfo } from "@/lib/payments/http";

/**
 * One upstream budget per USAePay key, kept in the database so every app instance draws
 * from the same minute. The sync may use `share` of the key's per-minute limit (default
 * 80 %); the rest is left for people's interactive calls, which never wait on this budget.
 * The limit itself is learned from X-Rate-Limit; a 429 pauses every worker of the key.
 * USAePay counts calls per endpoint key and client IP (docs/usaepay-api.md, Rate limits).
 */
export const DEFAULT_MINUTE_LIMIT = 45; // the documented default for "v2" (docs/usaepay-api.md, Rate limits)
export const DEFAULT_SYNC_SHARE = 0.8;

export interface BudgetOptions {
  share?: number;
  /** Test seams; default to real time. The pause, the learnt limits' age and the waits all use them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** Points the sync may spend per minute: never zero, so a tiny limit still makes progress. */
export function syncPointsFor(minuteLimit: number, share: number): number {
  return Math.max(1, Math.floor(minuteLimit * share));
}

export interface UpstreamBudget {
  readonly budgetKey: string;
  /** Waits (for sync work only) until a call fits in the budget, then counts it. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Stores what X-Rate-Limit said, so every instance adapts to the key's real limit. */
  record(info: RateLimitInfo | undefined): Promise<void>;
  /** After a 429: no sync call on this key before `seconds` have passed. */
  pause(seconds: number): Promise<Date>;
  /** For interactive callers: would a call now likely be refused? Never waits. */
  isExhausted(): Promise<boolean>;
}

export function createUpstreamBudget(budgetKey: string, options: BudgetOptions = {}): UpstreamBudget {
  const share = options.share ?? DEFAULT_SYNC_SHARE;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  let limiter: RateLimiterPrisma | undefined;
  let limiterPoints = 0;

  function limiterFor(points: number): RateLimiterPrisma {
    if (!limiter || limiterPoints !== points) {
      // The consumed count lives in the row, so a new instance with other points shares it.
      limiter = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimiterFlexible", keyPrefix: "usaepay-sync", points, duration: 60, clearExpiredByTimeout: false });
      limiterPoints = points;
    }
    return limiter;
  }

  async function state() {
    return db.upstreamBudget.findUnique({ where: { budgetKey } });
  }

  return {
    budgetKey,

    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const row = await state();
        const pausedMs = row?.pausedUntil ? row.pausedUntil.getTime() - now() : 0;
        if (pausedMs > 0) {
          await sleep(Math.min(pausedMs, 60_000), signal);
          continue;
        }
        const points = syncPointsFor(row?.minuteLimit ?? DEFAULT_MINUTE_LIMIT, share);
        try {
          await consumeOne(limiterFor(points), budgetKey);
          return;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          await sleep(Math.max(50, Math.min(error.msBeforeNext, 60_000)), signal);
        }
      }
    },

    async record(info) {
      if (!info || (info.minuteLimit === undefined && info.dayLimit === undefined)) return;
      const data = { minuteLimit: info.minuteLimit, minuteRemaining: info.minuteRemaining, dayLimit: info.dayLimit, dayRemaining: info.dayRemaining };
      await upsertBudgetRow(budgetKey, data, now);
      // Someone else (people, another app) is eating into the reserve: let the sync rest a little.
      if (info.minuteLimit && info.minuteRemaining !== undefined) {
        const reserve = info.minuteLimit - syncPointsFor(info.minuteLimit, share);
        if (info.minuteRemaining < reserve) await this.pause(5);
      }
    },

    async pause(seconds) {
      const until = new Date(now() + Math.max(1, seconds) * 1000);
      await upsertBudgetRow(budgetKey, { pausedUntil: until }, now);
      return until;
    },

    async isExhausted() {
      const row = await state();
      if (row?.pausedUntil && row.pausedUntil.getTime() > now()) return true;
      return row?.minuteRemaining === 0 && row.updatedAt.getTime() > now() - 60_000;
    },
  };
}

async function consumeOne(limiter: RateLimiterPrisma, key: string): Promise<void> {
  // Two instances may create the window row at the same instant; the loser just retries.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await limiter.consume(key, 1);
      return;
    } catch (error) {
      if (error instanceof RateLimiterRes || attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

type BudgetRow = { minuteLimit?: number; minuteRemaining?: number; dayLimit?: number; dayRemaining?: number; pausedUntil?: Date };

async function upsertBudgetRow(budgetKey: string, fields: BudgetRow, now: () => number) {
  // updatedAt from the budget's clock, not the database's: isExhausted() compares it with now().
  const data = { ...fields, updatedAt: new Date(now()) };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await db.upstreamBudget.upsert({ where: { budgetKey }, create: { budgetKey, ...data }, update: data });
      return;
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
