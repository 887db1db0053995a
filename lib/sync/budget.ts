import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { endpointsOf } from "@/lib/gateways/clients";
import type { EndpointSettings } from "@/lib/gateways/endpoints";
import { defaultSleep, isGatewayError, type RateLimitInfo } from "@/lib/payments/http";

/**
 * One upstream budget as USAePay counts it: per endpoint key and client IP (docs/usaepay-api.md,
 * "Rate limits"), so per (host, endpoint key, egress identity) here, shared by every account and
 * every app instance that calls through it. A key rotation changes none of the three, so it keeps
 * the budget; two accounts on `v2` from one installation draw from the same one.
 *
 * Every call through the budget is one row in UpstreamCall, written before the call is sent, so
 * every instance counts the same calls in *sliding* windows (a minute, a day). The upstream uses
 * fixed windows whose start we cannot see; at most `cap` calls in any sliding window means at
 * most `cap` in any fixed one, wherever its boundary falls. (rate-limiter-flexible, used for the
 * per-user limits, only has fixed windows, which let twice the cap through around a boundary.)
 *
 * Three priorities share the windows: the sync may fill them only up to what the reserve leaves
 * (`UPSTREAM_RESERVE_PERCENT`), live reads a little further, staff actions (refund, void,
 * capture, key checks) to the limit. People never wait: they take a call or are told to retry.
 * The limits are learnt from X-Rate-Limit (both windows); what the upstream says is left also
 * catches calls it counts that are not ours (another program on the same IP).
 */
export type BudgetPriority = "sync" | "read" | "action";

/** The documented default for "v2" (docs/usaepay-api.md, "Rate limits"); a learnt limit replaces it. */
export const DEFAULT_LIMITS = { minute: 45, day: 5000 } as const;

/** A little longer than the upstream's windows: a call's arrival there may lag its start here. */
const MINUTE_MS = 62_000;
const DAY_MS = 86_400_000 + 60_000;
const HOUR_MS = 3_600_000;
/** A day's sync allowance is spread over at least this many hours (a first full sync fits in one). */
const SYNC_DAY_SPREAD_HOURS = 6;
/** Longest a sync worker sleeps in place for a call (a minute's window); a longer wait ends its run as "waiting". */
const MAX_SYNC_WAIT_MS = MINUTE_MS + 1_000;
const PRUNE_EVERY_MS = HOUR_MS;

export interface BudgetOptions {
  /** Percent of each window kept for people; default UPSTREAM_RESERVE_PERCENT. */
  reservePercent?: number;
  /** Test seams; real time by default. Call times, pauses and waits all use them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface BudgetLimits {
  minute: number;
  day: number;
}

export interface BudgetCaps {
  minute: number;
  day: number;
  /** The sync only: its share of the day, spread so that one busy hour cannot spend it all. */
  hour?: number;
}

/** How many calls of all kinds may be in a window before a call of `priority` is refused. */
export function capsFor(priority: BudgetPriority, limits: BudgetLimits, reservePercent: number): BudgetCaps {
  const share = (limit: number, reserve: number) => Math.max(1, Math.floor(limit * (1 - reserve / 100)));
  if (priority === "action") return { minute: limits.minute, day: limits.day };
  if (priority === "read") return { minute: share(limits.minute, reservePercent / 2), day: share(limits.day, reservePercent / 2) };
  const day = share(limits.day, reservePercent);
  return { minute: share(limits.minute, reservePercent), day, hour: Math.max(1, Math.ceil(day / SYNC_DAY_SPREAD_HOURS)) };
}

/** The production host answers under several names (docs/usaepay-api.md, "Hosts and endpoint keys"): one budget for all. */
function canonicalHost(host: string): string {
  const lower = host.toLowerCase();
  return /^(www|www-0\d|secure)\.usaepay\.com$/.test(lower) ? "usaepay.com" : lower;
}

/** `usaepay:<host>/<endpoint key>@<egress id>` for a resolved base URL such as https://usaepay.com/api/v2/. */
export function budgetKeyFor(usaepayBaseUrl: string, egressId: string = env.USAEPAY_EGRESS_ID): string {
  const url = new URL(usaepayBaseUrl);
  const endpointKey = /\/api\/([^/]+)\/?$/.exec(url.pathname)?.[1] ?? url.pathname;
  return `usaepay:${canonicalHost(url.host)}/${decodeURIComponent(endpointKey)}@${egressId}`;
}

/** The budget an account's USAePay calls draw from. */
export function budgetKeyOf(merchant: EndpointSettings): string {
  return budgetKeyFor(endpointsOf(merchant).usaepayBaseUrl);
}

export class BudgetSpentError extends Error {
  constructor(readonly until: Date) {
    super("upstream budget spent");
    this.name = "BudgetSpentError";
  }
}

export type TakeResult = { ok: true; startedAt: number } | { ok: false; waitMs: number; reason: "paused" | "minute" | "day" | "upstream" };

export interface BudgetSnapshot {
  budgetKey: string;
  limits: BudgetLimits;
  usedLastMinute: number;
  usedLastDay: number;
  pausedUntil: Date | null;
}

export interface UpstreamBudget {
  readonly budgetKey: string;
  /** One call, now, if `priority` may have it; never waits. Counted at once when granted. */
  take(priority: BudgetPriority): Promise<TakeResult>;
  /** The sync's way: waits (in place up to a minute) until a call fits, then counts it. */
  acquire(signal?: AbortSignal): Promise<{ startedAt: number }>;
  /** Stores what X-Rate-Limit said about a call started at `startedAt`, so every instance adapts. */
  record(info: RateLimitInfo | undefined, startedAt: number): Promise<void>;
  /** After a 429: no call through this budget before `seconds` have passed. */
  pause(seconds: number): Promise<Date>;
  snapshot(): Promise<BudgetSnapshot>;
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export function createUpstreamBudget(budgetKey: string, options: BudgetOptions = {}): UpstreamBudget {
  const reservePercent = options.reservePercent ?? env.UPSTREAM_RESERVE_PERCENT;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;

  /** Takes the budget row's lock first thing (a write), so instances take turns and SQLite never upgrades a read. */
  async function lockRow(tx: Tx, at: Date) {
    const { count } = await tx.upstreamBudget.updateMany({ where: { budgetKey }, data: { lockedAt: at } });
    if (count === 0) await tx.upstreamBudget.create({ data: { budgetKey, lockedAt: at } });
    return tx.upstreamBudget.findUniqueOrThrow({ where: { budgetKey } });
  }

  /** When the call that brings `used` below `cap` leaves the window (the (used - cap + 1)-th oldest). */
  async function waitFor(tx: Tx, used: number, cap: number, windowMs: number, at: number, priority?: BudgetPriority) {
    const oldest = await tx.upstreamCall.findFirst({
      where: { budgetKey, at: { gt: new Date(at - windowMs) }, ...(priority ? { priority } : {}) },
      orderBy: { at: "asc" },
      skip: used - cap,
      select: { at: true },
    });
    return Math.max(50, (oldest ? oldest.at.getTime() + windowMs : at + windowMs) - at);
  }

  async function takeOnce(priority: BudgetPriority): Promise<TakeResult> {
    const at = now();
    return db.$transaction(
      async (tx) => {
        const row = await lockRow(tx, new Date(at));
        if (row.pausedUntil && row.pausedUntil.getTime() > at) return { ok: false, waitMs: row.pausedUntil.getTime() - at, reason: "paused" };
        const limits = { minute: row.minuteLimit ?? DEFAULT_LIMITS.minute, day: row.dayLimit ?? DEFAULT_LIMITS.day };
        const caps = capsFor(priority, limits, reservePercent);
        const count = (windowMs: number, only?: BudgetPriority) =>
          tx.upstreamCall.count({ where: { budgetKey, at: { gt: new Date(at - windowMs) }, ...(only ? { priority: only } : {}) } });

        // Calls the upstream counted that are not ours (another program on this IP): what it said
        // was used, less our own calls in the window before that answer. Held against us as long
        // as that answer may describe the current window (a minute; an hour for the day).
        const observed = row.observedAt?.getTime();
        const ours = (windowMs: number) => tx.upstreamCall.count({ where: { budgetKey, at: { gt: new Date(observed! - windowMs), lte: new Date(observed!) } } });
        const foreignMinute =
          observed !== undefined && row.minuteRemaining !== null && at - observed < MINUTE_MS ? Math.max(0, limits.minute - row.minuteRemaining - (await ours(MINUTE_MS))) : 0;
        const foreignDay = observed !== undefined && row.dayRemaining !== null && at - observed < HOUR_MS ? Math.max(0, limits.day - row.dayRemaining - (await ours(DAY_MS))) : 0;

        const minute = await count(MINUTE_MS);
        if (minute >= caps.minute) return { ok: false, waitMs: await waitFor(tx, minute, caps.minute, MINUTE_MS, at), reason: "minute" };
        if (minute + foreignMinute >= caps.minute) return { ok: false, waitMs: Math.max(1000, observed! + MINUTE_MS - at), reason: "upstream" };
        const day = await count(DAY_MS);
        if (day >= caps.day) return { ok: false, waitMs: await waitFor(tx, day, caps.day, DAY_MS, at), reason: "day" };
        if (day + foreignDay >= caps.day) return { ok: false, waitMs: Math.max(60_000, observed! + HOUR_MS - at), reason: "upstream" };
        if (caps.hour !== undefined) {
          const hour = await count(HOUR_MS, "sync");
          if (hour >= caps.hour) return { ok: false, waitMs: await waitFor(tx, hour, caps.hour, HOUR_MS, at, "sync"), reason: "day" };
        }

        await tx.upstreamCall.create({ data: { budgetKey, at: new Date(at), priority } });
        if (!row.prunedAt || row.prunedAt.getTime() < at - PRUNE_EVERY_MS) {
          await tx.upstreamCall.deleteMany({ where: { budgetKey, at: { lt: new Date(at - DAY_MS) } } });
          await tx.upstreamBudget.update({ where: { budgetKey }, data: { prunedAt: new Date(at) } });
        }
        return { ok: true, startedAt: at };
      },
      { maxWait: 10_000, timeout: 10_000 },
    );
  }

  async function take(priority: BudgetPriority): Promise<TakeResult> {
    // Two instances may create the budget row at the same instant; the loser just tries again.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await takeOnce(priority);
      } catch (error) {
        if (attempt >= 3 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  async function upsertRow(fields: { minuteLimit?: number; dayLimit?: number; pausedUntil?: Date }) {
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

  return {
    budgetKey,
    take,

    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const result = await take("sync");
        if (result.ok) return result;
        if (result.waitMs > MAX_SYNC_WAIT_MS) throw new BudgetSpentError(new Date(now() + result.waitMs));
        await sleep(result.waitMs, signal);
      }
    },

    async record(info, startedAt) {
      if (!info || (info.minuteLimit === undefined && info.dayLimit === undefined)) return;
      await upsertRow({ minuteLimit: info.minuteLimit, dayLimit: info.dayLimit });
      // Answers arrive out of order: only a call started later than the stored one says what is left now.
      const observedAt = new Date(startedAt);
      await db.upstreamBudget.updateMany({
        where: { budgetKey, OR: [{ observedAt: null }, { observedAt: { lte: observedAt } }] },
        data: { minuteRemaining: info.minuteRemaining ?? null, dayRemaining: info.dayRemaining ?? null, observedAt },
      });
    },

    async pause(seconds) {
      const until = new Date(now() + Math.max(1, seconds) * 1000);
      const row = await db.upstreamBudget.findUnique({ where: { budgetKey }, select: { pausedUntil: true } });
      if (row?.pausedUntil && row.pausedUntil > until) return row.pausedUntil;
      await upsertRow({ pausedUntil: until });
      return until;
    },

    async snapshot() {
      const at = now();
      const row = await db.upstreamBudget.findUnique({ where: { budgetKey } });
      const count = (windowMs: number) => db.upstreamCall.count({ where: { budgetKey, at: { gt: new Date(at - windowMs) } } });
      const [usedLastMinute, usedLastDay] = await Promise.all([count(MINUTE_MS), count(DAY_MS)]);
      return {
        budgetKey,
        limits: { minute: row?.minuteLimit ?? DEFAULT_LIMITS.minute, day: row?.dayLimit ?? DEFAULT_LIMITS.day },
        usedLastMinute,
        usedLastDay,
        pausedUntil: row?.pausedUntil && row.pausedUntil.getTime() > at ? row.pausedUntil : null,
      };
    },
  };
}

export function budgetFor(merchant: EndpointSettings, options?: BudgetOptions): UpstreamBudget {
  return createUpstreamBudget(budgetKeyOf(merchant), options);
}

// ---- for interactive callers (live reads, key checks, money actions) --------------------------

export type BudgetGrant = { ok: true; budgetKey: string; startedAt: number } | { ok: false; budgetKey: string; retryAfterSeconds: number; message: string };

export interface InteractiveBudget {
  readonly budgetKey: string;
  /**
   * Takes one call from what the sync leaves (the reserve), never waiting behind the sync. When
   * even that is spent the grant says so with a message safe to show: send nothing then.
   * "action" (refund, void, capture, key check) may use the whole window; "read" stops a little short.
   */
  take(kind?: "action" | "read"): Promise<BudgetGrant>;
}

const SPENT_MESSAGE = (seconds: number) =>
  `USAePay's rate limit for this account is used up for the moment; nothing was sent. Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`;

/**
 * The budget for one account's interactive USAePay calls. Money actions (issue 11) use it as:
 *
 *   const budget = interactiveBudgetFor(merchant);
 *   const grant = await budget.take("action");
 *   if (!grant.ok) throw new AppError("rate_limited", grant.message);      // nothing sent
 *   try { const answer = await client.refund(...); await recordInteractiveCall(grant, { rateLimit: client.lastRateLimit }); }
 *   catch (error) { await recordInteractiveCall(grant, { error }); throw error; }
 *
 * or simply `withInteractiveBudget(merchant, "action", (client deps) => ...)` below.
 */
export function interactiveBudgetFor(merchant: EndpointSettings, options?: BudgetOptions): InteractiveBudget {
  const budget = budgetFor(merchant, options);
  return {
    budgetKey: budget.budgetKey,
    async take(kind = "action") {
      const result = await budget.take(kind);
      if (result.ok) return { ok: true, budgetKey: budget.budgetKey, startedAt: result.startedAt };
      const seconds = Math.max(1, Math.ceil(result.waitMs / 1000));
      return { ok: false, budgetKey: budget.budgetKey, retryAfterSeconds: seconds, message: SPENT_MESSAGE(seconds) };
    },
  };
}

/**
 * After an interactive call: stores the answer's X-Rate-Limit (or, for a 429, pauses the budget
 * for its Retry-After) so the sync and every other instance adapt. Never throws.
 */
export async function recordInteractiveCall(grant: BudgetGrant, outcome: { rateLimit?: RateLimitInfo; error?: unknown }, options?: BudgetOptions): Promise<void> {
  if (!grant.ok) return;
  const budget = createUpstreamBudget(grant.budgetKey, options);
  const error = outcome.error;
  const rateLimit = isGatewayError(error) ? (error.rateLimit ?? outcome.rateLimit) : outcome.rateLimit;
  try {
    await budget.record(rateLimit, grant.startedAt);
    if (isGatewayError(error) && error.kind === "rate_limited") await budget.pause(error.rateLimit?.retryAfterSeconds ?? 60);
  } catch {
    // Bookkeeping only: the caller's own outcome matters more than a lost figure.
  }
}

/**
 * Runs one interactive call through the account's budget: refused with AppError("rate_limited")
 * before anything is sent when the window is spent; the answer's figures recorded either way.
 * `run` gets `onRateLimit` to pass to the client so each answer's X-Rate-Limit is captured.
 */
export async function withInteractiveBudget<T>(
  merchant: EndpointSettings,
  kind: "action" | "read",
  run: (hooks: { onRateLimit: (info: RateLimitInfo) => void }) => Promise<T>,
  options?: BudgetOptions,
): Promise<T> {
  const grant = await interactiveBudgetFor(merchant, options).take(kind);
  if (!grant.ok) throw new AppError("rate_limited", grant.message);
  let rateLimit: RateLimitInfo | undefined;
  try {
    const result = await run({ onRateLimit: (info) => (rateLimit = info) });
    await recordInteractiveCall(grant, { rateLimit }, options);
    return result;
  } catch (error) {
    await recordInteractiveCall(grant, { rateLimit, error }, options);
    throw error;
  }
}
