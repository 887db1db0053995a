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
 * point from the key's budget in the database (80 % of the per-minute limit learnt from
 * X-Rate-Limit; a 429 pauses every worker of the key); people's page views never wait on it.
 */
export { startMirrorSync, stopMirrorSync, requestMerchantSync, requestSyncIfStale, isSyncRunningHere } from "./scheduler";
export { runMerchantSync, budgetFor, budgetKeyFor, type RunOptions } from "./runner";
export { DEFAULT_SYNC_SETTINGS, type SyncSettings, type SyncOutcome } from "./context";
