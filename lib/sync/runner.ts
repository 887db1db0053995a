import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { AppError } from "@/lib/errors";
import { createUpstreamBudget, type BudgetOptions, type UpstreamBudget } from "./budget";
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

/**
 * The budget is per USAePay key. Keys are sealed, so the key's identity here is its
 * credential row: a rotation (a new key) starts a new budget; "restore previous" brings
 * back the old row and with it the old budget.
 */
export async function budgetKeyFor(merchantAccountId: string): Promise<string> {
  const credential = await db.merchantCredential.findUnique({
    where: { merchantAccountId_gateway_slot: { merchantAccountId, gateway: "usaepay", slot: "current" } },
    select: { id: true },
  });
  if (!credential) throw new AppError("no_credentials", "This account has no USAePay API key and PIN yet.");
  return `usaepay:${credential.id}`;
}

export async function budgetFor(merchantAccountId: string, options?: BudgetOptions): Promise<UpstreamBudget> {
  return createUpstreamBudget(await budgetKeyFor(merchantAccountId), options);
}

export async function runMerchantSync(merchantAccountId: string, options: RunOptions = {}): Promise<Record<SyncResource, SyncOutcome>> {
  const merchant = await db.merchantAccount.findUniqueOrThrow({
    where: { id: merchantAccountId },
    select: { id: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true },
  });
  const now = options.now ?? Date.now;
  const budget = await budgetFor(merchantAccountId, { now, ...options.budget });
  // The sync reads through its own budget and handles 429 itself, so a page's wait never blocks people.
  const client = await usaepayClientFor(merchant, { fetch: options.fetch, timeoutMs: 30_000 });
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
