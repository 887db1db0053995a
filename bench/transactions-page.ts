/**
 * Goal: the transactions page's server time from the mirror of the 104,000-row demo
 * account: p50 ≤ 50 ms at page 1, page 1000, with a search, a date filter and a type filter; and
 * that time against one direct upstream list call with the emulator adding 150 ms (ratio ≤ 0.3).
 *
 *   npx tsx --import ./scripts/server-only.mjs bench/transactions-page.ts [--runs 40] [--reuse]
 *
 * "Server time" is the page's data work through the same DAL the page calls (account check,
 * rows, and the totals row over the whole filtered set, which also counts it). Fills the mirror first at a raised rate limit unless --reuse finds it full.
 * Writes bench/results/transactions-page.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { filledMirror, OPERATING, percentile, round, startEmulators, timed as time } from "./mirror-support";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 40) || 40;

const emulators = await startEmulators(4500 + Math.floor(Math.random() * 200), 100_000);
try {
  const { db, merchant, viewer } = await filledMirror(emulators.base, args.includes("--reuse"));
  const { listTransactions } = await import("../lib/dal/transactions");
  const { parseTransactionQuery } = await import("../lib/validation/transactions");

  const sample = await db.mirrorTransaction.findFirstOrThrow({ where: { merchantAccountId: merchant.id, cardholder: { not: null } }, skip: 5000 });
  const surname = sample.cardholder!.split(" ").pop()!;
  const day = sample.createdAt.toISOString().slice(0, 10);
  const cases: Record<string, Record<string, string>> = {
    "page 1": {},
    "page 1000": { page: "1000" },
    [`search "${surname}"`]: { q: surname },
    [`date ${day}`]: { from: day, to: day },
    "type refund": { type: "refund" },
  };

  const results: Record<string, { p50: number; p95: number; total?: number }> = {};
  for (const [name, params] of Object.entries(cases)) {
    const query = parseTransactionQuery(params);
    const pageWork = () => listTransactions(viewer, merchant!.slug, query);
    const page = await pageWork(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) times.push(await time(pageWork));
    results[name] = { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), total: page.total };
  }

  // One direct upstream list call per page view, as a dashboard without a mirror would make.
  await emulators.control("PUT", "latency", { fixedMs: 150, jitterMs: 0, path: "/api/*" });
  const { createUsaepayClient } = await import("../lib/payments/usaepay");
  const client = createUsaepayClient({ baseUrl: emulators.base, apiKey: OPERATING.key, pin: OPERATING.pin });
  const upstream: number[] = [];
  for (let i = 0; i < Math.min(runs, 20); i += 1) upstream.push(await time(() => client.listTransactions({ limit: 25 })));
  const upstreamP50 = round(percentile(upstream, 50));

  const report = {
    runs,
    cases: results,
    upstreamListP50: upstreamP50,
    ratioPage1ToUpstream: round(results["page 1"]!.p50 / upstreamP50, 3),
    targets: { p50Ms: 50, ratio: 0.3 },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/transactions-page.json", `${JSON.stringify(report, null, 2)}\n`);
  await db.$disconnect();
} finally {
  emulators.child.kill("SIGTERM");
}
