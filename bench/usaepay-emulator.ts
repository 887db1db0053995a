/**
 * USAePay emulator performance goals: start-up under 3 s and RSS under 300 MB with all
 * demo merchants; a 1000-row list page at any offset under 50 ms.
 *
 *   npx tsx bench/usaepay-emulator.ts [--runs 20] [--json bench/results/usaepay-emulator.json (default)]
 *
 * Measures over real HTTP (a listening server on a free port), like the dashboard will call it.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildAuthorizationHeader } from "../lib/payments/usaepay/auth";
import { DEMO_MERCHANTS } from "../sandbox/usaepay/config";
import { startUsaepayEmulator } from "../sandbox/usaepay/index";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 20) || 20;
const jsonPath = args.includes("--json") ? args[args.indexOf("--json") + 1] : "bench/results/usaepay-emulator.json";

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * The whole `npm run sandbox` program (both emulators, tsx transpilation included): time from spawn
 * to the first answered /ping, and the child's RSS once the caches have warmed.
 */
async function measureSandboxProcess(): Promise<{ readyMs: number; rssMb: number }> {
  const port = 4600 + Math.floor(Math.random() * 300);
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/server.ts"], {
    env: { ...process.env, USAEPAY_EMULATOR_PORT: String(port), CLIENTPAY_EMULATOR_PORT: String(port + 1) },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error("sandbox did not start within 30 s");
      const up = await fetch(`http://127.0.0.1:${port}/ping`).then((r) => r.text(), () => "");
      if (up.startsWith("UP")) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { readyMs, rssMb: Math.round(rssKb / 102.4) / 10 };
  } finally {
    child.kill("SIGTERM");
  }
}

const sandboxProcess = await measureSandboxProcess();

const startedAt = performance.now();
const emulator = await startUsaepayEmulator({ port: 0, ratePerMinute: 1_000_000, ratePerDay: 10_000_000 });
const startupMs = performance.now() - startedAt;
const rssAfterStart = process.memoryUsage().rss;
// The server fills batch-total caches on idle ticks for ~2 s after start-up; measure after that,
// as the dashboard would (it starts after the emulators).
await new Promise((resolve) => setTimeout(resolve, 3_000));
const rssAfterWarmUp = process.memoryUsage().rss;

const merchant = DEMO_MERCHANTS.find((m) => m.id === "operating") ?? DEMO_MERCHANTS[0];
if (!merchant) throw new Error("no demo merchant");
const total = merchant.transactionCount;
const offsets = [0, 1_000, Math.floor(total / 2), total - 1_000];

async function timedGet(path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${emulator.url}api/v2/${path}`, {
    headers: { Authorization: buildAuthorizationHeader(merchant!.apiKey, merchant!.pin) },
  });
  // Time to the last byte of the answer; parsing it is the caller's cost, not the emulator's.
  const raw = await response.arrayBuffer();
  const elapsed = performance.now() - started;
  const body = JSON.parse(Buffer.from(raw).toString("utf8")) as { data?: unknown[] };
  if (response.status !== 200 || (body.data?.length ?? 0) < 1000) throw new Error(`unexpected answer for ${path}: ${response.status}`);
  return elapsed;
}

// One warm-up call so JIT and caches do not count against the first offset.
await timedGet("transactions?limit=1000&offset=0");

const results: Record<string, { p50: number; p95: number; max: number }> = {};
for (const [label, pathOf] of [
  ["transactions", (offset: number) => `transactions?limit=1000&offset=${offset}`],
  ["customers", (offset: number) => `customers?limit=1000&offset=${Math.min(offset, merchant.customerCount - 1000)}`],
] as const) {
  for (const offset of label === "customers" ? [0, merchant.customerCount - 1000] : offsets) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) samples.push(await timedGet(pathOf(offset)));
    samples.sort((a, b) => a - b);
    results[`${label} offset ${offset}`] = {
      p50: Math.round(percentile(samples, 50) * 10) / 10,
      p95: Math.round(percentile(samples, 95) * 10) / 10,
      max: Math.round((samples[samples.length - 1] as number) * 10) / 10,
    };
  }
}
const batchSamples: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const started = performance.now();
  const response = await fetch(`${emulator.url}api/v2/batches?limit=1000`, { headers: { Authorization: buildAuthorizationHeader(merchant.apiKey, merchant.pin) } });
  await response.arrayBuffer();
  batchSamples.push(performance.now() - started);
}
batchSamples.sort((a, b) => a - b);
results["batches (all 729)"] = { p50: Math.round(percentile(batchSamples, 50) * 10) / 10, p95: Math.round(percentile(batchSamples, 95) * 10) / 10, max: Math.round((batchSamples[batchSamples.length - 1] as number) * 10) / 10 };
const rssAfterLists = process.memoryUsage().rss;
await emulator.close();

const report = {
  sandboxProcessReadyMs: Math.round(sandboxProcess.readyMs),
  sandboxProcessRssMb: sandboxProcess.rssMb,
  startupMs: Math.round(startupMs),
  rssAfterStartMb: mb(rssAfterStart),
  rssAfterWarmUpMb: mb(rssAfterWarmUp),
  rssAfterListsMb: mb(rssAfterLists),
  runsPerOffset: runs,
  listLatencyMs: results,
  goals: { startupUnderMs: 3000, rssUnderMb: 300, pageUnderMs: 50 },
  generatedAt: new Date().toISOString(),
};
console.log(`npm run sandbox (both emulators, tsx included): ready in ${report.sandboxProcessReadyMs} ms, RSS ${report.sandboxProcessRssMb} MB after warm-up`);
console.log(`in-process start-up ${report.startupMs} ms · RSS ${report.rssAfterStartMb} MB after start, ${report.rssAfterWarmUpMb} MB after cache warm-up, ${report.rssAfterListsMb} MB after lists`);
for (const [name, figures] of Object.entries(results)) {
  console.log(`${name.padEnd(32)} p50 ${String(figures.p50).padStart(6)} ms   p95 ${String(figures.p95).padStart(6)} ms   max ${figures.max} ms`);
}
const slowest = Math.max(...Object.values(results).map((figures) => figures.p95));
const met = report.sandboxProcessReadyMs < 3000 && report.sandboxProcessRssMb < 300 && report.rssAfterListsMb < 300 && slowest < 50;
console.log(`goals (start-up < 3 s, RSS < 300 MB, 1000-row page p95 < 50 ms): ${met ? "met" : "NOT met"} (slowest p95 ${slowest} ms)`);
if (jsonPath) {
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify(report, null, 2));
}
