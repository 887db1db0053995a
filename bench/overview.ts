/**
 * Goal: the overview's server time p50 ≤ 100 ms for an account of 100,000 transactions.
 *
 *   npx tsx --import ./scripts/server-only.mjs bench/overview.ts [--runs 40] [--reuse]
 *
 * Two shapes: the 104,000-row demo account as a real sync mirrors it (two years of history,
 * ~4,300 rows in the last 30 days), and a dense account whose 100,000 rows all fall in the last
 * 30 days (every row in the chart's range: the worst case for the aggregates). "Server time" is
 * getOverview, the DAL call the page makes (accounts, aggregates, reasons, open batch, freshness).
 * Each shape is timed twice: "cold", every day grouped in the database (the day cache emptied
 * before each view: a first view, or one after a deletion), and "steady", views over a minute after
 * the newest write with nothing written since (lib/dal/internal/overview-day-cache.ts groups no day again;
 * the views pass a later `now` rather than wait). Writes bench/results/overview.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { filledMirror, percentile, round, startEmulators, timed } from "./mirror-support";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 40) || 40;
const DENSE = 100_000;

const emulators = await startEmulators(4500 + Math.floor(Math.random() * 200), 100_000);
try {
  const { db, merchant, viewer } = await filledMirror(emulators.base, args.includes("--reuse"));
  const { getOverview } = await import("../lib/dal/overview");

  // The dense account: synthetic rows, spread evenly over the last 30 days.
  let dense = await db.merchantAccount.findUnique({ where: { slug: "bench-dense" } });
  if (!dense || (await db.mirrorTransaction.count({ where: { merchantAccountId: dense.id } })) !== DENSE) {
    if (dense) await db.merchantAccount.delete({ where: { id: dense.id } });
    dense = await db.merchantAccount.create({ data: { slug: "bench-dense", name: "Bench dense", businessTimeZone: "America/New_York", batchCloseTime: "21:00" } });
    const { transactionRow } = await import("../lib/sync/mirror-rows");
    const now = Date.now();
    const brands = ["Visa", "MasterCard", "Amex", "Discover"];
    for (let start = 0; start < DENSE; start += 5000) {
      await db.mirrorTransaction.createMany({
        data: Array.from({ length: 5000 }, (_, offset) => {
          const index = start + offset;
          const roll = index % 100;
          return transactionRow(dense!.id, {
            key: `dense-${index}`, refnum: String(9_000_000 + index), createdAt: new Date(now - Math.floor((index / DENSE) * 30 * 86_400_000)).toISOString(),
            outcome: roll < 10 ? "declined" : "approved", resultCode: roll < 10 ? "D" : "A", typeCode: roll >= 10 && roll < 16 ? "C" : roll >= 16 && roll < 19 ? "V" : "S",
            statusCode: roll < 10 ? "D" : index < 3000 ? "P" : "S", amountCents: 500 + ((index * 7919) % 60_000), errorMessage: roll < 10 ? `Declined (F${roll})` : undefined,
            card: { brand: brands[index % 4], maskedNumber: "XXXXXXXXXXXX1111", last4: "1111", cardholder: "Bench" }, batch: { key: index < 3000 ? "open" : `b${Math.floor(index / 3000)}` },
            isDuplicate: false, availableActions: [],
          });
        }),
      });
    }
  }

  const { forgetOverviewDays } = await import("../lib/dal/internal/overview-day-cache");
  type Figures = { p50: number; p95: number };
  const results: Record<string, { cold: Figures; steady: Figures; transactions: number; inLast30Days: number }> = {};
  const figures = (times: number[]) => ({ p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) });
  for (const [name, account] of [["demo account (104,000 over two years)", merchant], ["dense account (100,000 in 30 days)", dense]] as const) {
    const overview = await getOverview(viewer, { account: account.slug }); // warm-up
    const cold: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      forgetOverviewDays();
      cold.push(await timed(() => getOverview(viewer, { account: account.slug })));
    }
    const start = Date.now();
    const steady: number[] = [];
    for (let i = 0; i < runs + 2; i += 1) {
      const time = await timed(() => getOverview(viewer, { account: account.slug, now: new Date(start + (i === 0 ? 0 : 61_000 + i * 1000)) }));
      if (i >= 2) steady.push(time); // the first two views group, then settle, the newest writes
    }
    results[name] = {
      cold: figures(cold),
      steady: figures(steady),
      transactions: await db.mirrorTransaction.count({ where: { merchantAccountId: account.id } }),
      inLast30Days: overview.days.reduce((sum, day) => sum + day.salesCount + day.declinedCount + day.refundCount, 0),
    };
  }
  const report = { runs, database: process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite", cases: results, targets: { p50Ms: 100 } };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/overview.json", `${JSON.stringify(report, null, 2)}\n`);
  await db.$disconnect();
} finally {
  emulators.child.kill("SIGTERM");
}
