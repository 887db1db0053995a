import "server-only";
import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
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

type SyncedAccount = { usaepayWebhook: { merchantAccountId: string } | null; syncStates: { lastSuccessAt: Date | null; mode: string }[] };
// Only the USAePay mirror's own resources: other leases in SyncState (ClientPay's payments copy) keep their own freshness.
const syncedSelect = {
  usaepayWebhook: { select: { merchantAccountId: true } },
  syncStates: { where: { resource: { in: [...SYNC_RESOURCES] as string[] } }, select: { lastSuccessAt: true, mode: true } },
} satisfies Prisma.MerchantAccountSelect;

/**
 * Is the account's mirror due for a sync? Never synced (or its first full walk unfinished): yes.
 * With webhooks on, changes arrive as they happen, so the incremental sync is a safety net that
 * runs every MIRROR_SAFETY_NET_MINUTES; without, whenever the mirror is older than `maxAgeMs`.
 */
function due(account: SyncedAccount, now: number, maxAgeMs: number): boolean {
  const states = account.syncStates;
  if (states.length < SYNC_RESOURCES.length || states.some((row) => !row.lastSuccessAt || row.mode !== "incremental")) return true;
  const age = account.usaepayWebhook ? env.MIRROR_SAFETY_NET_MINUTES * 60_000 : maxAgeMs;
  return states.some((row) => row.lastSuccessAt!.getTime() < now - age);
}

/**
 * Page views keep the mirror fresh: an account with a USAePay key whose mirror is stale (or
 * was never synced) starts a sync in the background. Never waits for the sync itself.
 */
export async function requestSyncIfStale(merchantAccountId: string, options: { maxAgeMs?: number; now?: () => number; run?: RunOptions } = {}): Promise<void> {
  if (isSyncRunningHere(merchantAccountId)) return;
  const merchant = await db.merchantAccount.findFirst({ where: { id: merchantAccountId, ...HAS_USAEPAY_KEY }, select: syncedSelect });
  if (merchant && due(merchant, (options.now ?? Date.now)(), options.maxAgeMs ?? STALE_AFTER_MS)) requestMerchantSync(merchantAccountId, options.run);
}

async function tick(run: RunOptions, intervalMs: number) {
  const merchants = await db.merchantAccount.findMany({ where: HAS_USAEPAY_KEY, select: { id: true, ...syncedSelect } });
  // Each tick runs what is due; an account with webhooks on waits for its safety-net interval.
  for (const merchant of merchants) if (due(merchant, Date.now(), intervalMs / 2)) requestMerchantSync(merchant.id, run);
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
  const safeTick = () => tick(options.run ?? {}, intervalMs).catch((error: unknown) => logger.error({ err: error instanceof Error ? error.name : "unknown" }, "sync scheduler tick failed"));
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
