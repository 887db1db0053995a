/**
 * Goal: decide how the ClientPay payments table is served — live through Payment Search
 * (count-then-results, at most 100 a page) or from a local copy synced like the USAePay mirror —
 * by the page's server time (p50/p95 per page view) on the demo account's 3,000 payments.
 *
 *   npx tsx --import ./scripts/server-only.mjs bench/clientpay-payments.ts [--runs 30] [--latency 100]
 *
 * "Local copy": the page's data work through the same DAL the page calls (account check, rows,
 * totals of the filtered set). "Live": the same table state asked of ClientPay: Count + one
 * Results page (what a page needs at the least), and + totals (which need every matching payment:
 * Payment Search has no sums). Both against the emulator as its own process over HTTP; `--latency`
 * adds that many ms per ClientPay call, as the real service's round trip would (0 = the emulator's own).
 * Also reports which table states the real ClientPay could answer at all (usesOnlyDocumentedFields).
 * Writes bench/results/clientpay-payments.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { percentile, round, startEmulators } from "./mirror-support";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
};
const runs = option("--runs", 30);
const latencyMs = option("--latency", 100);

const emulators = await startEmulators(4500 + Math.floor(Math.random() * 200), 100_000);
const clientpayRoot = emulators.base.replace(/:(\d+)\/api\/v2\/$/, (_match, port) => `:${Number(port) + 1}/`);
const clientpayControl = (method: string, path: string, body?: unknown) =>
  fetch(`${clientpayRoot}__sandbox/clientpay/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

try {
  const { resetDatabase } = await import("../scripts/reset-database");
  const { BENCH_DB } = await import("./mirror-support");
  await resetDatabase(BENCH_DB);
  const { db } = await import("../lib/db");
  const { replaceCurrentCredentials, storeIntegratorKey } = await import("../lib/dal/internal/credentials");
  const { ensureAccessId } = await import("../lib/dal/internal/access-id-bootstrap");
  const { syncClientpayPayments } = await import("../lib/dal/internal/clientpay-sync");
  const { listClientpayPayments } = await import("../lib/dal/clientpay-payments");
  const { parseClientpayPaymentQuery } = await import("../lib/validation/clientpay-payments");
  const { clientpayClientFor } = await import("../lib/gateways/clients");
  const { openStoredAccessId } = await import("../lib/dal/internal/access-id-store");
  const { paymentFilter, usesOnlyDocumentedFields } = await import("../lib/payments/clientpay");

  await storeIntegratorKey("paydesk-sandbox-integrator", { actor: null });
  const merchant = await db.merchantAccount.create({ data: { slug: "bench-clientpay", name: "Bench ClientPay", environment: "emulator", clientpayBaseUrl: `${clientpayRoot}v2/` } });
  await replaceCurrentCredentials(merchant.id, "clientpay", { key: "sandbox-operating", pin: "1111" }, { actor: null });
  await ensureAccessId(merchant.id, "bench");
  const fillStarted = performance.now();
  if ((await syncClientpayPayments(merchant.id)) !== "completed") throw new Error("the first copy did not complete");
  const firstFillSeconds = round((performance.now() - fillStarted) / 1000);
  const held = await db.clientpayPayment.count({ where: { merchantAccountId: merchant.id } });
  console.log(`local copy filled: ${held} payments in ${firstFillSeconds} s`);

  const admin = await db.user.create({ data: { email: "bench-admin@paydesk.test", name: "Bench", passwordHash: "x", role: "ADMIN" } });
  const viewer = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const };
  const sample = await db.clientpayPayment.findFirstOrThrow({ where: { merchantAccountId: merchant.id, payerName: { not: null } }, skip: 1500 });
  const surname = sample.payerName!.split(" ").at(-1)!;
  const month = sample.paidAt.toISOString().slice(0, 7);
  const cases: Record<string, Record<string, string>> = {
    "page 1 (newest first)": {},
    "page 40": { page: "40" },
    [`search "${surname}"`]: { q: surname },
    "status Refunded": { status: "Refunded" },
    [`paid in ${month}`]: { from: `${month}-01`, to: `${month}-28` },
    "eCheck ≥ $500 by amount": { method: "eCheck", min: "500", sort: "amount" },
  };

  const client = await clientpayClientFor(merchant);
  const session = client.withAccessId((await openStoredAccessId(merchant.id))!);
  const ORDER = { date: "paymentDate", amount: "paymentAmount", payer: "payerName", status: "paymentStatus" } as const;
  type Query = ReturnType<typeof parseClientpayPaymentQuery>;
  const liveFilter = (query: Query) =>
    paymentFilter({
      text: query.q || undefined,
      statuses: query.status ? [query.status] : undefined,
      method: query.method,
      paidFrom: query.from,
      paidBefore: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
      minAmountCents: query.min,
      maxAmountCents: query.max,
    });
  const liveOrder = (query: Query) => [`${ORDER[query.sort]}${query.dir === "desc" ? " desc" : ""}` as const];
  async function livePage(query: Query, withTotals: boolean) {
    const filter = liveFilter(query);
    const [count, page] = await Promise.all([session.countPayments(filter), session.searchPayments({ filter, orderBy: liveOrder(query), pageNumber: query.page, pageSize: query.pageSize })]);
    if (!withTotals) return { count, rows: page.payments.length };
    let collected = 0;
    for await (const payment of session.iteratePayments({ filter })) collected += payment.amountCents;
    return { count, rows: page.payments.length, collected };
  }

  const time = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const measure = async (fn: () => Promise<unknown>, times = runs) => {
    await fn(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < times; i += 1) samples.push(await time(fn));
    return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
  };
  const calls = async () => ((await (await clientpayControl("GET", "counters")).json()) as { total: number }).total;

  const results: Record<string, unknown> = {};
  for (const [name, params] of Object.entries(cases)) {
    const query = parseClientpayPaymentQuery(params);
    const local = await listClientpayPayments(viewer, merchant.slug, query);
    const localTime = await measure(() => listClientpayPayments(viewer, merchant.slug, query));
    await clientpayControl("PUT", "latency", { fixedMs: latencyMs, jitterMs: 0, path: "/v2/paymentsearch/*" });
    const beforeLive = await calls();
    const live = await livePage(query, true);
    const callsWithTotals = (await calls()) - beforeLive;
    const liveCount = await measure(() => livePage(query, false), Math.min(runs, 15));
    const liveTotals = await measure(() => livePage(query, true), Math.min(runs, 5));
    await clientpayControl("DELETE", "latency");
    const filter = liveFilter(query);
    results[name] = {
      matching: local.total,
      liveMatching: live.count,
      localCopy: localTime,
      liveCountAndPage: liveCount,
      liveWithTotals: liveTotals,
      liveCallsPerViewWithTotals: callsWithTotals,
      realServiceCouldAnswer: usesOnlyDocumentedFields(filter, liveOrder(query)),
    };
    console.log(name, JSON.stringify(results[name]));
  }

  const report = { runs, addedLatencyMsPerCall: latencyMs, payments: held, firstFillSeconds, cases: results };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/clientpay-payments.json", `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  await db.$disconnect();
} finally {
  emulators.child.kill("SIGTERM");
}
