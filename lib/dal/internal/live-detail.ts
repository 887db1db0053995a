import "server-only";
import { notFound } from "next/navigation";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { recordAuditEvent } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { isGatewayError, type RateLimitInfo } from "@/lib/payments/http";
import type { UsaepayClient } from "@/lib/payments/usaepay";
import type { RequestMeta } from "@/lib/request-meta";
import { interactiveBudgetFor, recordInteractiveCall, type BudgetGrant } from "@/lib/sync/budget";
import type { MerchantDto } from "./merchant-access";

/**
 * The one live-or-local read behind both detail pages (a customer, a transaction). A page
 * render never waits on USAePay, and reads do not burn the upstream budget:
 *
 * - a local copy confirmed within DETAIL_FRESH_SECONDS is shown as it is, with no call;
 * - an older one is shown at once and refreshed in the background (the page reloads itself
 *   while "refreshing"); concurrent views of one record share one refresh — per app instance:
 *   another instance may refresh the same record once more, which the budget counts;
 * - a key the mirror has never seen is "not found" with no call at all: only an explicit
 *   "look up live" by someone with `mirror:lookup-live` asks USAePay (a made-up key in a URL
 *   costs nothing);
 * - each person may cause at most LIVE_READS_PER_USER_PER_MINUTE live reads (shared by every
 *   instance, in the database), and live reads stop short of the budget's last calls, which
 *   are kept for staff actions.
 *
 * When USAePay answers "not found" for the key (with this account's own credentials), the record
 * no longer exists upstream: its local copy is dropped and the next view is a 404.
 */
export interface DetailFreshness {
  /** "fresh": confirmed recently, no call; "refreshing": shown now, being checked; "stale": shown as is, see `reason`. */
  state: "fresh" | "refreshing" | "stale";
  /** Why a stale copy was not refreshed (safe to show). */
  reason?: string;
}

export interface LiveRecordSpec<T> {
  viewer: Viewer;
  merchant: MerchantDto;
  record: "customer" | "transaction";
  key: string;
  fetch: (client: UsaepayClient, signal: AbortSignal) => Promise<T>;
  /** Writes the live answer to the mirror, as of the instant the call started. */
  store: (live: T, startedAt: Date) => Promise<unknown>;
  /** Drops the local copy after an upstream "not found". */
  drop: () => Promise<unknown>;
  deps?: GatewayDeps;
}

const PER_USER_MESSAGE = "You have opened many records in the last minute, so this one is not being checked with USAePay right now.";

interface InstanceState {
  inFlight: Map<string, Promise<void>>;
  /** The last refresh that failed, per record: not tried again within the freshness window. */
  failures: Map<string, { at: number; reason: string }>;
}
const registry = globalThis as unknown as { paydeskLiveReads?: InstanceState };
const instance: InstanceState = (registry.paydeskLiveReads ??= { inFlight: new Map(), failures: new Map() });

const freshMs = () => env.DETAIL_FRESH_SECONDS * 1000;

let limiter: RateLimiterPrisma | undefined;
/** One live read for this person, if their per-minute allowance has room (shared by every instance). */
export async function perUserAllows(viewer: Viewer): Promise<boolean> {
  limiter ??= new RateLimiterPrisma({ storeClient: db, tableName: "rateLimiterFlexible", keyPrefix: "live-read", points: env.LIVE_READS_PER_USER_PER_MINUTE, duration: 60, clearExpiredByTimeout: false });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await limiter.consume(viewer.id, 1);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      // Two requests created the window row at once: the loser tries again.
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

const idOf = (spec: { merchant: { id: string }; record: string; key: string }) => `${spec.merchant.id}:${spec.record}:${spec.key}`;

/** One budgeted live read: the answer stored as of the call's start, its rate figures recorded. */
async function fetchAndStore<T>(spec: LiveRecordSpec<T>, grant: Extract<BudgetGrant, { ok: true }>): Promise<"stored" | "gone"> {
  let rateLimit: RateLimitInfo | undefined;
  const client = await usaepayClientFor(spec.merchant, { ...spec.deps, onRateLimit: (info) => (rateLimit = info) });
  try {
    const live = await spec.fetch(client, AbortSignal.timeout(env.INTERACTIVE_TIMEOUT_SECONDS * 1000));
    await recordInteractiveCall(grant, { rateLimit });
    await spec.store(live, new Date(grant.startedAt));
    return "stored";
  } catch (error) {
    await recordInteractiveCall(grant, { rateLimit, error });
    if (isGatewayError(error) && error.kind === "not_found") {
      await spec.drop();
      return "gone";
    }
    throw error;
  }
}

function reasonOf(error: unknown): string {
  if (isGatewayError(error)) return error.userMessage;
  if (error instanceof AppError) return error.userMessage;
  return "USAePay could not be reached.";
}

/**
 * How fresh the shown copy is, starting a background refresh when it is not. `checkedAt` is
 * when the local copy was last confirmed with USAePay. Never calls upstream before returning.
 */
export async function keepFresh<T>(spec: LiveRecordSpec<T>, checkedAt: Date | null, now: () => number = Date.now): Promise<DetailFreshness> {
  const id = idOf(spec);
  if (checkedAt && now() - checkedAt.getTime() < freshMs()) return { state: "fresh" };
  if (instance.inFlight.has(id)) return { state: "refreshing" };
  const failure = instance.failures.get(id);
  if (failure && now() - failure.at < Math.max(freshMs(), 5_000)) return { state: "stale", reason: failure.reason };
  // Claimed before the first await, so views arriving meanwhile join this refresh instead of starting theirs.
  let settle!: () => void;
  instance.inFlight.set(id, new Promise<void>((resolve) => (settle = resolve)));
  const release = () => {
    instance.inFlight.delete(id);
    settle();
  };
  try {
    if (!(await perUserAllows(spec.viewer))) {
      release();
      return { state: "stale", reason: PER_USER_MESSAGE };
    }
    const grant = await interactiveBudgetFor(spec.merchant).take("read");
    if (!grant.ok) {
      release();
      return { state: "stale", reason: "USAePay's rate limit for this account is used up for the moment." };
    }
    void fetchAndStore(spec, grant)
      .then(() => void instance.failures.delete(id))
      .catch((error: unknown) => {
        if (!isGatewayError(error)) logger.warn({ merchantId: spec.merchant.id, record: spec.record, err: error instanceof Error ? error.name : "unknown" }, "live detail refresh failed");
        instance.failures.set(id, { at: now(), reason: reasonOf(error) });
      })
      .finally(release);
    return { state: "refreshing" };
  } catch (error) {
    release();
    throw error;
  }
}

/** Tests: waits for every background refresh this instance started. */
export async function settleLiveReads(): Promise<void> {
  await Promise.all([...instance.inFlight.values()]);
}

/**
 * A detail page for a key the mirror does not hold: "not found" (no upstream call), or null —
 * "offer a look-up" — for someone who may look it up live.
 */
export function notMirrored(viewer: Viewer): null {
  if (can(viewer.role, "mirror:lookup-live")) return null;
  notFound();
}

export type LookUpResult = { found: true } | { found: false; message: string };

/**
 * "Look up live": asks USAePay for a key the mirror does not hold, because a person with
 * `mirror:lookup-live` asked (the caller checked it). Waits for the answer, within the
 * interactive timeout, and stores what it finds. Counts against the person's live reads.
 */
export async function lookUpLive<T>(spec: LiveRecordSpec<T>): Promise<LookUpResult> {
  if (!(await perUserAllows(spec.viewer))) throw new AppError("rate_limited", "You have looked up many records in the last minute. Try again in a minute.");
  const grant = await interactiveBudgetFor(spec.merchant).take("read");
  if (!grant.ok) throw new AppError("rate_limited", grant.message);
  try {
    const outcome = await fetchAndStore(spec, grant);
    return outcome === "stored" ? { found: true } : { found: false, message: `USAePay has no ${spec.record} with this key for this account.` };
  } catch (error) {
    throw new AppError("lookup_failed", `${reasonOf(error)} Nothing was looked up; try again shortly.`, { cause: error });
  }
}

/** lookUpLive, audited: who asked for which key of which account, and whether USAePay had it. */
export async function auditedLookUp<T>(spec: LiveRecordSpec<T>, meta: RequestMeta): Promise<LookUpResult> {
  const result = await lookUpLive(spec);
  await recordAuditEvent({ actor: spec.viewer, action: "mirror.lookup_live", targetType: "merchant", targetId: spec.merchant.id, meta, details: { record: spec.record, key: spec.key, found: result.found } });
  return result;
}
