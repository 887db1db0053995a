/**
 * Goal: search as people type it stays fast: p50 ≤ 50 ms for a table search (rows + count,
 * through the same DAL the pages call) at 100,000 transactions and 100,000 customers, for
 * names in either order, an email, a reference number, an invoice, a last four, a partial
 * name and a word that matches nothing.
 *
 *   npx tsx --import ./scripts/server-only.mjs bench/search.ts [--runs 30] [--reuse]
 *
 * The transactions are the 104,000-row demo account, mirrored by the real sync from the
 * emulator (as bench/transactions-page.ts does; --reuse keeps a full mirror). The demo has
 * 2,600 customers, so the customers table is filled to 100,000 with copies of them under new
 * keys (same names: a name search finds ~40 times as many rows, a harder case).
 * Uses BENCH_DATABASE_URL (default prisma/bench.db), so PostgreSQL runs the same cases.
 * Beside each table's figures: the same page without a search (the account check, the
 * sync-state read, rows and count), so what search itself adds shows on a busy machine too.
 * Writes bench/results/search.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { freshMerchant, percentile, round, startEmulators } from "./mirror-support";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 30) || 30;
const ROWS = 100_000;

const emulators = await startEmulators(4700 + Math.floor(Math.random() * 200), 100_000);
try {
  const { db } = await import("../lib/db");
  let merchant = args.includes("--reuse") ? await db.merchantAccount.findUnique({ where: { slug: "bench-operating" } }).catch(() => null) : null;
  if (!merchant || (await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })) < ROWS) {
    merchant = await freshMerchant(emulators.base);
    const { runMerchantSync } = await import("../lib/sync/runner");
    const fill = performance.now();
    await runMerchantSync(merchant.id, { settings: { detailsPerRun: 0, restFactor: 0 } });
    console.log(`mirror filled in ${round((performance.now() - fill) / 1000)} s`);
  }
  const merchantId = merchant.id;
  let customers = await db.mirrorCustomer.count({ where: { merchantAccountId: merchantId } });
  if (customers < ROWS) {
    const originals = await db.mirrorCustomer.findMany({ where: { merchantAccountId: merchantId, key: { not: { contains: "-copy" } } } });
    for (let copy = 1; customers < ROWS; copy += 1) {
      const take = Math.min(originals.length, ROWS - customers);
      const suffix = `-copy${copy}`;
      await db.mirrorCustomer.createMany({
        data: originals.slice(0, take).map(({ syncedAt: _syncedAt, ...row }) => ({ ...row, key: `${row.key}${suffix}`, gatewayId: row.gatewayId === null ? null : row.gatewayId + copy * 1_000_000, search: `${row.search}${suffix}` })),
      });
      customers += take;
    }
  }
  const admin = await db.user.upsert({ where: { email: "bench-admin@paydesk.test" }, create: { email: "bench-admin@paydesk.test", name: "Bench", passwordHash: "x", role: "ADMIN" }, update: {} });
  const viewer = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const };
  const { listTransactions } = await import("../lib/dal/transactions");
  const { listCustomers } = await import("../lib/dal/customers");
  const { parseTransactionQuery } = await import("../lib/validation/transactions");
  const { parseCustomerQuery } = await import("../lib/validation/customers");

  // A transaction in the middle of the history with every searchable field set.
  const tx = await db.mirrorTransaction.findFirstOrThrow({
    where: { merchantAccountId: merchantId, cardholder: { contains: " " }, customerEmail: { not: null }, invoice: { not: null }, cardLast4: { not: null } },
    skip: 40_000,
    orderBy: { createdAt: "desc" },
  });
  const [first, last] = tx.cardholder!.split(" ") as [string, string];
  const customer = await db.mirrorCustomer.findFirstOrThrow({ where: { merchantAccountId: merchantId, firstName: { not: null }, lastName: { not: null }, email: { not: null } }, skip: 1000 });
  const transactionCases: Record<string, string> = {
    "name, first last": `${first} ${last}`,
    "name, last first": `${last}, ${first}`,
    email: tx.customerEmail!,
    refnum: tx.refnum,
    invoice: tx.invoice!,
    "last four": tx.cardLast4!,
    "partial name": `${first.slice(0, 3)} ${last.slice(0, 3)}`,
    "no match": "zzqxv",
  };
  const customerCases: Record<string, string> = {
    "name, first last": `${customer.firstName} ${customer.lastName}`,
    "name, last first": `${customer.lastName}, ${customer.firstName}`,
    email: customer.email!,
    "partial name": customer.lastName!.slice(0, 4),
    "no match": "zzqxv",
  };

  const time = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const measure = async (list: (q: string) => Promise<{ total: number }>, cases: Record<string, string>) => {
    const results: Record<string, { q: string; total: number; p50: number; p95: number }> = {};
    const all: number[] = [];
    for (const [name, q] of Object.entries(cases)) {
      const { total } = await list(q); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) times.push(await time(() => list(q)));
      all.push(...times);
      results[name] = { q, total, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
    }
    // The same page with no search, measured alongside: what the search itself adds, on a machine of any load.
    const unsearched: number[] = [];
    for (let i = 0; i < runs; i += 1) unsearched.push(await time(() => list("")));
    const baselineP50 = round(percentile(unsearched, 50));
    const p50 = round(percentile(all, 50));
    return { cases: results, p50, p95: round(percentile(all, 95)), worstCaseP50: Math.max(...Object.values(results).map((result) => result.p50)), unsearchedPageP50: baselineP50, searchAddsP50: round(p50 - baselineP50) };
  };

  const report = {
    database: process.env.DATABASE_URL?.split(":")[0],
    runs,
    rows: {
      transactions: await db.mirrorTransaction.count({ where: { merchantAccountId: merchantId } }),
      customers: await db.mirrorCustomer.count({ where: { merchantAccountId: merchantId } }),
    },
    transactions: await measure((q) => listTransactions(viewer, merchant!.slug, parseTransactionQuery({ q })), transactionCases),
    customers: await measure((q) => listCustomers(viewer, merchant!.slug, parseCustomerQuery({ q })), customerCases),
    target: { p50Ms: 50 },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/search.json", `${JSON.stringify(report, null, 2)}\n`);
  await db.$disconnect();
} finally {
  emulators.child.kill("SIGTERM");
}
