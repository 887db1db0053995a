import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { budgetFor, type BudgetOptions } from "./budget";
import { DEFAULT_SYNC_SETTINGS, type SyncContext, type SyncOutcome, type SyncSettings } from "./context";
import { syncResource } from "./engine";
import { SYNC_RESOURCES, type SyncResource } from "./lease";

/**
 * Runs a merchant account's sync (customers, then transactions). The background worker
 * and the Refresh button both come here; the caller has already resolved the account
 * (the worker for every account, Refresh through the DAL's access-checked resolver).
 */
export interface RunOptions {
  fetch?: GatewayDeps["fetch"];
  settings?: Partial<SyncSettings>;
  budget?: BudgetOptions;
  /** Identifies this worker in leases; a fresh one per run unless a test pins it. */
  owner?: string;
  signal?: AbortSignal;
  resources?: readonly SyncResource[];
  /** The run's clock (leases, cursors, the budget); real time unless a test injects one. */
  now?: () => number;
}

/** A 1000-row page can take a while on a busy upstream; nobody waits on the sync. */
const SYNC_TIMEOUT_MS = 30_000;

export async function runMerchantSync(merchantAccountId: string, options: RunOptions = {}): Promise<Record<SyncResource, SyncOutcome>> {
  const merchant = await db.merchantAccount.findUniqueOrThrow({
    where: { id: merchantAccountId },
    select: { id: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true },
  });
  const now = options.now ?? Date.now;
  const budget = budgetFor(merchant, { now, ...options.budget });
  // The sync's own, longer timeout; no retries inside the client: every attempt must be a budgeted
  // call, and the next run carries on from the stored cursor anyway.
  const client = await usaepayClientFor(merchant, { fetch: options.fetch, timeoutMs: SYNC_TIMEOUT_MS, retry: { maxAttempts: 1 } });
  const ctx: SyncContext = {
    merchantAccountId,
    client,
    budget,
    owner: options.owner ?? randomUUID(),
    settings: { ...DEFAULT_SYNC_SETTINGS, ...options.settings },
    signal: options.signal,
    now,
  };
  const outcomes = {} as Record<SyncResource, SyncOutcome>;
  for (const resource of options.resources ?? SYNC_RESOURCES) {
    outcomes[resource] = await syncResource(ctx, resource);
    if (outcomes[resource] === "waiting" || outcomes[resource] === "aborted") break;
  }
  return outcomes;
}
