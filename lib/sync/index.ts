import "server-only";

/**
 * The local mirror of USAePay customers and transactions.
 *
 * - `startMirrorSync()` — the start-up function (instrumentation.ts): a background worker per
 *   app instance that syncs every account with a USAePay key every 30 s; database leases keep
 *   instances from syncing the same account twice.
 * - `requestMerchantSync(id)` — start one account now (Refresh).
 * - `requestSyncIfStale(id)` — start one account if its mirror is stale (page views).
 * - `runMerchantSync(id, options)` — one run, awaited (tests, benchmarks).
 *
 * Design: a first full walk in 1000-row pages with the cursor stored beside each page (so a
 * crash resumes where it stopped), then incremental runs (head of the list until known rows
 * older than a recent window, plus re-reads of pending batches). Every upstream call takes a
 * call from the shared budget (./budget.ts: per host, endpoint key and egress; what the reserve
 * for people leaves, learnt from X-Rate-Limit; a 429 pauses it); people never wait on it.
 */
export { startMirrorSync, stopMirrorSync, requestMerchantSync, requestSyncIfStale, isSyncRunningHere } from "./scheduler";
export { runMerchantSync, type RunOptions } from "./runner";
export { budgetFor, budgetKeyOf, interactiveBudgetFor, recordInteractiveCall, withInteractiveBudget, type BudgetGrant, type InteractiveBudget } from "./budget";
export { DEFAULT_SYNC_SETTINGS, type SyncSettings, type SyncOutcome } from "./context";
