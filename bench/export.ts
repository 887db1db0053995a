/**
 * Goal: exporting 100,000 rows takes ≤ 5 s with ≤ 50 MB RSS growth (the rows stream from keyset
 * batches; nothing holds the whole set).
 *
 *   npx tsx --import ./scripts/server-only.mjs bench/export.ts [--reuse]
 *
 * Exports the 104,000-row demo account's transactions through startExport, the DAL call the
 * export route makes, reading the stream as a client would, with the table's columns and with
 * every column. RSS is sampled every 20 ms; growth = peak during the export − RSS before it.
 * Writes bench/results/export.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { filledMirror, round, startEmulators } from "./mirror-support";

const args = process.argv.slice(2);
const emulators = await startEmulators(4700 + Math.floor(Math.random() * 200), 100_000);
try {
  const { db, merchant, viewer } = await filledMirror(emulators.base, args.includes("--reuse"));
  const { startExport } = await import("../lib/dal/exports");
  const { TRANSACTION_COLUMNS } = await import("../lib/validation/transactions");
  const meta = { ip: "127.0.0.1", userAgent: "bench" };

  const run = async (columns: string | null) => {
    const search = new URLSearchParams({ merchant: merchant.slug, ...(columns ? { columns } : {}) });
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const download = await startExport(viewer, "transactions", search, meta);
    const reader = download.body.getReader();
    let bytes = 0;
    let records = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (let i = 1; i < value.length; i += 1) if (value[i] === 10 && value[i - 1] === 13) records += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rows: download.total, recordsWritten: records - 1, seconds: round(seconds, 2), megabytes: round(bytes / 1e6, 1), rssGrowthMb: round((peak - rssBefore) / 1e6, 1) };
  };

  await run("refnum"); // warm-up: compiled queries, JIT
  const report = {
    database: process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite",
    batchSize: (await import("../lib/env")).env.EXPORT_BATCH_SIZE,
    tableColumns: await run(null),
    allColumns: await run(TRANSACTION_COLUMNS.map((column) => column.id).join(",")),
    targets: { seconds: 5, rssGrowthMb: 50 },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/export.json", `${JSON.stringify(report, null, 2)}\n`);
  await db.$disconnect();
} finally {
  emulators.child.kill("SIGTERM");
}
