/**
 * Goal: 20 staff (managers and viewers) browsing for 60 s, spread over two app instances on one PostgreSQL database,
 * against the USAePay emulator at the real limit (45/min, 5000/day) with both demo accounts'
 * webhooks on: 0 HTTP errors, 0 upstream 429s, page p95 ≤ 300 ms.
 *
 *   npm run build     # once: the instances serve the production build
 *   npx tsx --import ./scripts/server-only.mjs bench/staff-load.ts [--seconds 60] [--staff 20] [--during-sync] [--reuse]
 *
 * Database: BENCH_PG_URL (default postgresql://paydesk_ci:paydesk_ci@127.0.0.1:5432/paydesk_bench,
 * created when missing, wiped and migrated each run unless --reuse). Ports: BENCH_PORT and the next one for the
 * instances (default 4700), BENCH_EMULATOR_PORT and the next for the emulators (default 4710).
 * The load starts once the first full sync of both demo accounts has finished (about seven
 * minutes at 45/min), unless --during-sync. Each simulated person signs in through next-auth,
 * then opens tables (pages, sorts, filters, searches), detail pages and the overview, with 0.5–2.5 s
 * between pages. p50/p95 are printed for every page and for those after the first --warm-up
 * seconds (default 10: the instances have just started), the latter per kind of page. Prints the figures and writes bench/results/staff-load.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import "../scripts/load-env";
import { ensurePostgresDatabase } from "../scripts/postgres-database";
import { resetDatabase } from "../scripts/reset-database";
import { NEXT_CLI, run, SERVER_MODULES, TSX, waitForUrl } from "../scripts/run";
import { SeededRandom } from "../sandbox/shared/prng";
import { percentile, round, startEmulators } from "./mirror-support";
import { sessionCookie } from "./sign-in";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1] ?? fallback) || fallback;
const seconds = args.includes("--seconds") ? option("seconds", 60) : 60;
const staffCount = args.includes("--staff") ? option("staff", 20) : 20;
// The instances have just started (cold JIT, first renders of each route): pages in the first
// seconds are reported apart, so the steady figures are an office's ordinary day.
const warmUpSeconds = args.includes("--warm-up") ? option("warm-up", 10) : 10;
const databaseUrl = process.env.BENCH_PG_URL ?? "postgresql://paydesk_ci:paydesk_ci@127.0.0.1:5432/paydesk_bench";
const appPort = Number(process.env.BENCH_PORT) || 4700;
const emulatorPort = Number(process.env.BENCH_EMULATOR_PORT) || 4710;
const DEMO_KEYS = ["PDdemoOperating00000000000000001", "PDdemoTrust000000000000000000002"];
const ACCOUNTS = ["harbor-law-operating", "harbor-law-trust"];

console.log(`database: ${await ensurePostgresDatabase(databaseUrl)}`);
const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", LOG_LEVEL: "warn" };
// --reuse keeps the database of the last run (its mirror already synced): the load starts at once.
if (!args.includes("--reuse")) {
  await resetDatabase(databaseUrl);
  await run(TSX, [...SERVER_MODULES, "prisma/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
}

const emulators = await startEmulators(emulatorPort, 45, 5000);
const emulatorRoot = `http://127.0.0.1:${emulatorPort}/`;
const instances: ChildProcess[] = [];
const bases = [appPort, appPort + 1].map((port) => `http://127.0.0.1:${port}`);
try {
  for (const [index, base] of bases.entries()) {
    const child = spawn("node", [NEXT_CLI, "start", "--port", String(appPort + index), "--hostname", "127.0.0.1"], {
      env: { ...env, NEXTAUTH_URL: base, USAEPAY_EMULATOR_URL: `${emulatorRoot}api/v2/`, CLIENTPAY_EMULATOR_URL: `http://127.0.0.1:${emulatorPort + 1}/v2/`, MIRROR_SYNC_INTERVAL_SECONDS: "30" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    instances.push(child);
  }
  await Promise.all(bases.map((base) => waitForUrl(`${base}/api/health`, 90_000)));
  // Webhooks on for both demo accounts, delivered to the first instance (either would do).
  await run(TSX, [...SERVER_MODULES, "prisma/demo-webhooks.ts", bases[0]!, emulatorRoot], { env: { ...env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "ignore", "inherit"] });

  // Managers and viewers: an admin must answer a two-factor code (PCI DSS 8.4.2), a step this
  // browserless client does not take. The manager is granted the trust account too, so the load
  // covers both accounts.
  await grantTrustToManager(databaseUrl);
  const users = [
    { email: "manager@paydesk.test", password: "demo-manager-password", accounts: ACCOUNTS },
    { email: "viewer@paydesk.test", password: "demo-viewer-password", accounts: [ACCOUNTS[0]!] },
  ];
  const staff = await Promise.all(Array.from({ length: staffCount }, (_, i) => signIn(bases[i % 2]!, users[i % users.length]!)));

  // Opening a table starts the first sync of a never-synced account; then wait for both.
  if (!args.includes("--during-sync")) {
    const started = performance.now();
    const admin = staff[0]!;
    for (const account of ACCOUNTS) await page(admin, `/m/${account}/transactions`);
    for (;;) {
      const done = await Promise.all(ACCOUNTS.map(async (account) => {
        const response = await fetch(`${admin.base}/api/m/${account}/sync`, { headers: { cookie: admin.cookie } });
        const status = (await response.json()) as { resources?: Record<string, { mode: string }> };
        if (!status.resources) throw new Error(`the sync status of ${account} answered ${response.status}: ${JSON.stringify(status)}`);
        return Object.values(status.resources).every((resource) => resource.mode === "incremental");
      }));
      if (done.every(Boolean)) break;
      await sleep(5000);
    }
    console.log(`first full sync of both accounts: ${round((performance.now() - started) / 1000)} s`);
  }

  const before = await counters();
  const times: number[] = [];
  const steadyTimes: number[] = [];
  const timesByKind = new Map<string, number[]>();
  const errors: string[] = [];
  const deadline = Date.now() + seconds * 1000;
  const warm = Date.now() + warmUpSeconds * 1000;
  await Promise.all(staff.map(async (person, index) => {
    const generator = new SeededRandom(index + 1);
    const random = () => generator.next();
    const keys = new Map<string, string[]>();
    while (Date.now() < deadline) {
      const path = nextPath(person.accounts, keys, random);
      const started = performance.now();
      try {
        const { status, html } = await page(person, path);
        const elapsed = performance.now() - started;
        times.push(elapsed);
        if (Date.now() - elapsed >= warm) {
          steadyTimes.push(elapsed);
          timesByKind.set(kindOf(path), [...(timesByKind.get(kindOf(path)) ?? []), elapsed]);
        }
        if (status >= 400) errors.push(`${status} ${path}`);
        const account = path.split("/")[2];
        if (account && path.includes("/transactions") && !path.match(/transactions\/[^?]/)) {
          const found = [...html.matchAll(/\/transactions\/([a-z0-9]{10,20})"/g)].map((match) => match[1]!);
          if (found.length) keys.set(account, found);
        }
      } catch (error) {
        errors.push(`${(error as Error).message} ${path}`);
      }
      await sleep(500 + random() * 2000);
    }
  }));
  const after = await counters();

  const result = {
    staff: staffCount,
    instances: bases.length,
    seconds,
    pages: times.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    afterWarmUp: { seconds: warmUpSeconds, pages: steadyTimes.length, p50Ms: round(percentile(steadyTimes, 50)), p95Ms: round(percentile(steadyTimes, 95)) },
    byPageAfterWarmUp: Object.fromEntries([...timesByKind].map(([kind, list]) => [kind, { pages: list.length, p50Ms: round(percentile(list, 50)), p95Ms: round(percentile(list, 95)) }])),
    httpErrors: errors.length,
    errorSamples: errors.slice(0, 5),
    upstreamCallsDuringLoad: after.calls - before.calls,
    upstream429sTotal: after.rateLimited,
    targets: { httpErrors: 0, upstream429s: 0, p95Ms: 300 },
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/staff-load.json", `${JSON.stringify(result, null, 2)}\n`);
} finally {
  for (const child of instances) child.kill("SIGTERM");
  emulators.child.kill("SIGTERM");
}

interface Person {
  base: string;
  cookie: string;
  accounts: readonly string[];
}

async function signIn(base: string, user: { email: string; password: string; accounts: readonly string[] }): Promise<Person> {
  return { base, cookie: await sessionCookie(base, user), accounts: user.accounts };
}

async function page(person: Person, path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${person.base}${path}`, { headers: { cookie: person.cookie }, redirect: "follow", signal: AbortSignal.timeout(30_000) });
  const html = await response.text();
  // A page that sent the person to sign in (a lost session) served nothing they asked for.
  if (new URL(response.url).pathname.startsWith("/login")) return { status: 401, html };
  return { status: response.status, html };
}

async function grantTrustToManager(url: string) {
  process.env.DATABASE_URL = url;
  const { db } = await import("../lib/db");
  const [manager, trust] = await Promise.all([db.user.findUniqueOrThrow({ where: { email: "manager@paydesk.test" } }), db.merchantAccount.findUniqueOrThrow({ where: { slug: ACCOUNTS[1]! } })]);
  await db.merchantGrant.upsert({ where: { userId_merchantAccountId: { userId: manager.id, merchantAccountId: trust.id } }, create: { userId: manager.id, merchantAccountId: trust.id }, update: {} });
  await db.$disconnect();
}

/** Which kind of page a path is, for the figures per kind. */
function kindOf(path: string): string {
  if (path === "/") return "overview";
  if (/\/transactions\/[^?]/.test(path)) return "transaction detail";
  if (path.includes("/customers")) return "customers table";
  return /[?&](status|card|sort|q|min|from)=/.test(path) ? "transactions table, filtered" : "transactions table";
}

/** What a person opens next: mostly tables (with paging, sorting, filters, searches), some details, the overview. */
function nextPath(accounts: readonly string[], keys: Map<string, string[]>, random: () => number): string {
  const account = accounts[Math.floor(random() * accounts.length)]!;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const roll = random();
  const known = keys.get(account);
  if (roll < 0.1) return "/";
  if (roll < 0.3 && known?.length) return `/m/${account}/transactions/${pick(known)}`;
  if (roll < 0.45) return `/m/${account}/customers?page=${1 + Math.floor(random() * 20)}${random() < 0.5 ? "&sort=name" : ""}`;
  const filters = ["", "&status=settled", "&status=voided", "&card=Visa", "&sort=amount&dir=desc", "&q=smith", "&min=100&max=500", "&from=2026-01-01&to=2026-01-31"];
  return `/m/${account}/transactions?page=${1 + Math.floor(random() * 50)}${pick(filters)}`;
}

async function counters(): Promise<{ calls: number; rateLimited: number }> {
  const all = (await emulators.control("GET", "counters")) as { keys: Record<string, { calls: number; rateLimited: number }> };
  return DEMO_KEYS.reduce((sum, key) => ({ calls: sum.calls + (all.keys[key]?.calls ?? 0), rateLimited: sum.rateLimited + (all.keys[key]?.rateLimited ?? 0) }), { calls: 0, rateLimited: 0 });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
