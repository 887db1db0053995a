/**
 * Shared by the mirror benchmarks: a dedicated database (never the demo one), the emulators in
 * a child process (so this process's RSS is the sync's own), and a merchant wired to them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import "../scripts/load-env";

export const BENCH_DB = process.env.BENCH_DATABASE_URL ?? "file:./prisma/bench.db";
process.env.DATABASE_URL = BENCH_DB;
process.env.LOG_LEVEL ??= "warn";

export const OPERATING = { key: "PDdemoOperating00000000000000001", pin: "1111" };

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** BENCH_EMULATOR_PORT (and the next one) when set, so parallel runs on one machine pick their own; else a random one. */
export function benchEmulatorPort(): number {
  return Number(process.env.BENCH_EMULATOR_PORT) || 4300 + Math.floor(Math.random() * 200);
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function startEmulators(port: number, perMinute: number, perDay = 1_000_000): Promise<{ child: ChildProcess; base: string; control: (method: string, path: string, body?: unknown) => Promise<unknown> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/emulator-process.ts"], {
    env: { ...process.env, USAEPAY_EMULATOR_PORT: String(port), CLIENTPAY_EMULATOR_PORT: String(port + 1), USAEPAY_EMULATOR_RATE_PER_MINUTE: String(perMinute), USAEPAY_EMULATOR_RATE_PER_DAY: String(perDay) },
    // Its own errors go to this process's stderr: a benchmark that loses its upstream says why.
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") console.error(`the emulators stopped (${signal ?? code})`);
  });
  const root = `http://127.0.0.1:${port}`;
  // The emulators on this port are the ones the allow-list lets a merchant call (lib/env reads
  // these when the bench first imports the app's code, after this).
  process.env.USAEPAY_EMULATOR_URL = `${root}/api/v2/`;
  process.env.CLIENTPAY_EMULATOR_URL = `http://127.0.0.1:${port + 1}/v2/`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${root}/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error("emulator did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${root}/__sandbox/usaepay/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return response.json();
  };
  return { child, base: `${root}/api/v2/`, control };
}

/** A fresh, migrated bench database with one merchant on the operating demo key. */
export async function freshMerchant(base: string) {
  const { resetDatabase } = await import("../scripts/reset-database");
  await resetDatabase(BENCH_DB);
  const { db } = await import("../lib/db");
  const { replaceCurrentCredentials } = await import("../lib/dal/internal/credentials");
  const merchant = await db.merchantAccount.create({ data: { slug: "bench-operating", name: "Bench operating", environment: "emulator", usaepayBaseUrl: base } });
  await replaceCurrentCredentials(merchant.id, "usaepay", OPERATING, { actor: null });
  return merchant;
}

/**
 * The bench database with the 104,000-row operating account mirrored (filled once by a real
 * sync at a raised rate limit, reused while it is full) and an admin to read it as.
 */
export async function filledMirror(base: string, reuse: boolean) {
  const { db } = await import("../lib/db");
  let merchant = reuse ? await db.merchantAccount.findUnique({ where: { slug: "bench-operating" } }).catch(() => null) : null;
  if (!merchant || (await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })) < 100_000) {
    merchant = await freshMerchant(base);
    const { runMerchantSync } = await import("../lib/sync/runner");
    const fill = performance.now();
    await runMerchantSync(merchant.id, { settings: { detailsPerRun: 0, restFactor: 0 } });
    console.log(`mirror filled in ${round((performance.now() - fill) / 1000)} s`);
  }
  await db.merchantAccount.update({ where: { id: merchant.id }, data: { usaepayBaseUrl: base } });
  const admin = await db.user.upsert({ where: { email: "bench-admin@paydesk.test" }, create: { email: "bench-admin@paydesk.test", name: "Bench", passwordHash: "x", role: "ADMIN" }, update: {} });
  return { db, merchant, viewer: { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const } };
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
