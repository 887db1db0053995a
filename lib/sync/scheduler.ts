import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { SYNC_RESOURCES } from "./lease";
import { runMerchantSync, type RunOptions } from "./runner";

/**
 * The background worker of this app instance. Every `intervalMs` it starts a sync for each
 * merchant account that has a USAePay key and is not already syncing here; other instances
 * do the same, and the database leases make sure only one of them runs each account.
 */
interface SchedulerState {
  timer?: NodeJS.Timeout;
  running: Map<string, Promise<unknown>>;
  controller: AbortController;
}

const globalForSync = globalThis as unknown as { paydeskSync?: SchedulerState };

function state(): SchedulerState {
  globalForSync.paydeskSync ??= { running: new Map(), controller: new AbortController() };
  return globalForSync.paydeskSync;
}

/** Starts a sync of one account now unless this instance is already running one. */
export function requestMerchantSync(merchantAccountId: string, options: RunOptions = {}): { started: boolean } {
  const { running, controller } = state();
  if (running.has(merchantAccountId)) return { started: false };
  const run = runMerchantSync(merchantAccountId, { signal: controller.signal, ...options })
    .then((outcomes) => logger.debug({ merchantAccountId, outcomes }, "sync run finished"))
    .catch((error: unknown) => logger.error({ merchantAccountId, err: error instanceof Error ? error.name : "unknown" }, "sync run could not start"))
    .finally(() => running.delete(merchantAccountId));
  running.set(merchantAccountId, run);
  return { started: true };
}

export function isSyncRunningHere(merchantAccountId: string): boolean {
  return state().running.has(merchantAccountId);
}

/** Only accounts with a USAePay key have anything to sync. */
const HAS_USAEPAY_KEY = { credentials: { some: { gateway: "usaepay", slot: "current" } } };

/** How old the mirror may get before a page view starts a sync. */
export const STALE_AFTER_MS = 60_000;

/**
 * Page views keep the mirror fresh: an account with a USAePay key whose mirror is stale (or
 * was never synced) starts a sync in the background. Never waits for the sync itself.
 */
export async function requestSyncIfStale(merchantAccountId: string, options: { maxAgeMs?: number; now?: () => number; run?: RunOptions } = {}): Promise<void> {
  if (isSyncRunningHere(merchantAccountId)) return;
  const merchant = await db.merchantAccount.findFirst({
    where: { id: merchantAccountId, ...HAS_USAEPAY_KEY },
    // Only the USAePay mirror's own resources: other leases in SyncState (ClientPay's) keep their own freshness.
    select: { syncStates: { where: { resource: { in: [...SYNC_RESOURCES] } }, select: { lastSuccessAt: true } } },
  });
  if (!merchant) return;
  const freshAfter = (options.now ?? Date.now)() - (options.maxAgeMs ?? STALE_AFTER_MS);
  const states = merchant.syncStates;
  const stale = states.length < SYNC_RESOURCES.length || states.some((row) => !row.lastSuccessAt || row.lastSuccessAt.getTime() < freshAfter);
  if (stale) requestMerchantSync(merchantAccountId, options.run);
}

async function tick(run: RunOptions) {
  const merchants = await db.merchantAccount.findMany({ where: HAS_USAEPAY_KEY, select: { id: true } });
  for (const { id } of merchants) requestMerchantSync(id, run);
}

/**
 * The start-up function: call once per server process (instrumentation.ts `register`).
 * `intervalMs: 0` disables it (e.g. for a read-only instance). `run` is passed to every run (tests).
 */
export function startMirrorSync(options: { intervalMs?: number; run?: RunOptions } = {}): void {
  const current = state();
  if (current.timer) return;
  const intervalMs = options.intervalMs ?? 30_000;
  if (intervalMs <= 0) return;
  const safeTick = () => tick(options.run ?? {}).catch((error: unknown) => logger.error({ err: error instanceof Error ? error.name : "unknown" }, "sync scheduler tick failed"));
  void safeTick();
  current.timer = setInterval(safeTick, intervalMs);
  current.timer.unref();
}

export function stopMirrorSync(): void {
  const current = state();
  if (current.timer) clearInterval(current.timer);
  current.timer = undefined;
  current.controller.abort();
  current.controller = new AbortController();
}
