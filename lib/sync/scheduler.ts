import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
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

async function tick() {
  const merchants = await db.merchantAccount.findMany({
    where: { credentials: { some: { gateway: "usaepay", slot: "current" } } },
    select: { id: true },
  });
  for (const { id } of merchants) requestMerchantSync(id);
}

/**
 * The start-up function: call once per server process (instrumentation.ts `register`).
 * `intervalMs: 0` disables it (e.g. for a read-only instance).
 */
export function startMirrorSync(options: { intervalMs?: number } = {}): void {
  const current = state();
  if (current.timer) return;
  const intervalMs = options.intervalMs ?? 30_000;
  if (intervalMs <= 0) return;
  const safeTick = () => tick().catch((error: unknown) => logger.error({ err: error instanceof Error ? error.name : "unknown" }, "sync scheduler tick failed"));
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
