/**
 * Goal: the first full sync of the 104,000-transaction demo account within 1.1× the
 * rate-limit-bound optimum (list calls needed ÷ the sync's budget per minute), peak RSS ≤ 250 MB
 * at any rate limit (try --per-minute 100000 too: pages then come as fast as they can be written).
 *
 *   npx tsx --import ./scripts/server-only.mjs bench/mirror-sync.ts [--per-minute 45]
 *
 * Uses the real default limit (45/min → the sync's 36 calls/min with the default 20 % reserve),
 * so it takes about three minutes. BENCH_EMULATOR_PORT picks the emulators' port. Writes
 * bench/results/mirror-sync.json (the last run; mirror-sync-<per-minute>.json per limit).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { benchEmulatorPort, freshMerchant, OPERATING, round, startEmulators } from "./mirror-support";

const args = process.argv.slice(2);
const perMinute = Number(args[args.indexOf("--per-minute") + 1] ?? 45) || 45;

const emulators = await startEmulators(benchEmulatorPort(), perMinute);
try {
  const merchant = await freshMerchant(emulators.base);
  const { runMerchantSync } = await import("../lib/sync/runner");
  const { capsFor } = await import("../lib/sync/budget");
  const { env } = await import("../lib/env");
  const { db } = await import("../lib/db");

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  // Details (payment methods) are filled in later runs from the leftover budget: not part of the first walk.
  const outcomes = await runMerchantSync(merchant.id, { settings: { detailsPerRun: 0 } });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const counters = (await emulators.control("GET", "counters")) as { keys: Record<string, { calls: number; rateLimited: number }> };
  const { calls, rateLimited } = counters.keys[OPERATING.key] ?? { calls: 0, rateLimited: 0 };
  const budgetPerMinute = capsFor("sync", { minute: perMinute, day: 1_000_000 }, env.UPSTREAM_RESERVE_PERCENT).minute;
  const optimumSeconds = (calls / budgetPerMinute) * 60;
  const result = {
    outcomes,
    transactions: await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } }),
    customers: await db.mirrorCustomer.count({ where: { merchantAccountId: merchant.id } }),
    upstreamCalls: calls,
    rateLimited,
    budgetPerMinute,
    seconds: round(seconds),
    optimumSeconds: round(optimumSeconds),
    ratioToOptimum: round(seconds / optimumSeconds, 2),
    peakRssMb: round(peakRss / 1024 / 1024),
    targets: { ratioToOptimum: 1.1, peakRssMb: 250 },
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/mirror-sync.json", `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`bench/results/mirror-sync-${perMinute}.json`, `${JSON.stringify({ perMinute, ...result }, null, 2)}\n`);
  await db.$disconnect();
} finally {
  emulators.child.kill("SIGTERM");
}
