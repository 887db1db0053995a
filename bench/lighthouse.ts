/**
 * Goal: Lighthouse performance ≥ 95 on the transactions page as a signed-in user (issue 16).
 *
 *   npm run build     # once: the instance serves the production build
 *   npx tsx bench/lighthouse.ts [--desktop] [--runs 1] [--reuse]
 *
 * Lighthouse (the npm package, run in this process) drives the machine's Chromium (the one the
 * e2e suite uses: scripts/chromium.ts; CHROMIUM_PATH overrides it) headless, performance category
 * only, with its default mobile settings (Moto G Power screen, simulated slow 4G and 4× CPU
 * throttling): that is "the score". --desktop also runs Lighthouse's desktop preset.
 *
 * Database: prisma/bench-lighthouse.db (SQLite), reset, migrated and seeded each run (--reuse keeps
 * the last run's, its mirror already synced). The emulators start at a raised rate limit, and one
 * `next start` on BENCH_LIGHTHOUSE_PORT (default 4800; the emulators on BENCH_EMULATOR_PORT, default
 * that port + 10, and the next). The demo manager signs
 * in through next-auth's credentials callback (an admin would need a two-factor code); the page
 * opened once starts the first full sync of the operating account (104,000 rows), which is waited
 * for, with webhooks on and no background sync, so no sync runs while Lighthouse measures. Each page
 * is then opened once as a warm-up and measured with the session cookie as an extra header:
 * the transactions table, the overview, and the sign-in page signed out. --runs N measures each
 * page N times and keeps the run with the median score. A run Lighthouse could not finish (its
 * "please run Lighthouse again" errors, such as NO_NAVSTART) is tried twice more; a page that still
 * fails is recorded with its error, the others are measured, and the script exits 1.
 * Lighthouse 12.2.3 (newer ones want Node 22) is older than Debian's Chromium 156: some diagnostics
 * of the HTML report (the LCP element, layout-shift causes, render-blocking requests) end in an
 * error there; the metrics and the score do not depend on them.
 * Prints score (0–100), FCP, LCP, TBT, CLS and the JavaScript transferred per page, and writes
 * bench/results/lighthouse.json and each median run's HTML report to bench/results/lighthouse/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { launch, type LaunchedChrome } from "chrome-launcher";
import lighthouse, { desktopConfig, generateReport, type Config, type Flags, type Result } from "lighthouse";
import "../scripts/load-env";
import { DEBIAN_CHROMIUM, findChromium } from "../scripts/chromium";
import { chromiumLookup } from "../scripts/chromium-probes";
import { resetDatabase } from "../scripts/reset-database";
import { NEXT_SERVER, run, SERVER_MODULES, TSX, waitForUrl } from "../scripts/run";
import { round, startEmulators } from "./mirror-support";
import { sessionCookie } from "./sign-in";

const TARGET = 95;
const ACCOUNT = "harbor-law-operating";
const MANAGER = { email: "manager@paydesk.test", password: "demo-manager-password" };
const PAGES = [
  { path: `/m/${ACCOUNT}/transactions`, signedIn: true },
  { path: "/", signedIn: true },
  { path: "/login", signedIn: false },
];
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
const SYNC_TIMEOUT_MS = 15 * 60_000;

const args = process.argv.slice(2);
const runs = args.includes("--runs") ? Math.max(1, Number(args[args.indexOf("--runs") + 1]) || 1) : 1;
const presets: Preset[] = ["mobile", ...(args.includes("--desktop") ? (["desktop"] as const) : [])];
const databaseUrl = "file:./prisma/bench-lighthouse.db";
const appPort = Number(process.env.BENCH_LIGHTHOUSE_PORT) || 4800;
const emulatorPort = Number(process.env.BENCH_EMULATOR_PORT) || appPort + 10;
const base = `http://127.0.0.1:${appPort}`;

type Preset = "mobile" | "desktop";
/** Lighthouse ran but could not finish (its runtimeError): worth another try. */
class LighthouseRunError extends Error {}

// What is missing is said before anything starts.
const chromePath = findChromium(chromiumLookup())?.path ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
if (!chromePath) {
  console.error(`bench/lighthouse.ts: no Chromium found (CHROMIUM_PATH, Playwright's, ${DEBIAN_CHROMIUM}). Run \`npm run test:browser\` to find or install one, or set CHROMIUM_PATH to a Chromium binary.`);
  process.exit(1);
}
if (!existsSync(".next/BUILD_ID")) {
  console.error("bench/lighthouse.ts: no production build in .next: run `npm run build` first.");
  process.exit(1);
}

const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", LOG_LEVEL: "warn" };
if (!args.includes("--reuse") || !existsSync(databaseUrl.replace(/^file:/, ""))) {
  await resetDatabase(databaseUrl);
  await run(TSX, [...SERVER_MODULES, "prisma/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
}

// A raised limit: the first full sync takes a minute or two instead of seven.
const emulators = await startEmulators(emulatorPort, 100_000);
const emulatorRoot = `http://127.0.0.1:${emulatorPort}/`;
let app: ChildProcess | undefined;
let chrome: LaunchedChrome | undefined;
let stopping = false;
try {
  app = spawn("node", [...NEXT_SERVER, "start", "--port", String(appPort), "--hostname", "127.0.0.1"], {
    // No background sync: only a page view starts one, and with webhooks on only a mirror older
    // than MIRROR_SAFETY_NET_MINUTES is due, so none runs during the measurements.
    env: { ...env, NEXTAUTH_URL: base, USAEPAY_EMULATOR_URL: `${emulatorRoot}api/v2/`, CLIENTPAY_EMULATOR_URL: `http://127.0.0.1:${emulatorPort + 1}/v2/`, MIRROR_SYNC_INTERVAL_SECONDS: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  app.on("exit", (code, signal) => {
    if (!stopping) console.error(`next start stopped (${signal ?? code})`);
  });
  await waitForUrl(`${base}/api/health`, 90_000);
  await run(TSX, [...SERVER_MODULES, "prisma/demo-webhooks.ts", base, emulatorRoot], { env, stdio: ["ignore", "ignore", "inherit"] });

  const cookie = await sessionCookie(base, MANAGER);
  await waitForFirstSync(cookie);
  for (const page of PAGES) await warmUp(page.path, page.signedIn ? cookie : undefined);

  try {
    chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  } catch (error) {
    throw new Error(`Chromium at ${chromePath} did not start for Lighthouse: ${(error as Error).message}`);
  }
  const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser?: string };

  const pages = [];
  const failures: string[] = [];
  for (const page of PAGES) {
    const measured: Partial<Record<Preset, Figures | { error: string }>> = {};
    const label = `${page.path}${page.signedIn ? "" : " (signed out)"}`;
    for (const preset of presets) {
      const results: Measured[] = [];
      try {
        for (let i = 0; i < runs; i += 1) results.push(await measureWithRetries(chrome.port, page.path, preset, page.signedIn ? cookie : undefined));
      } catch (error) {
        const message = (error as Error).message;
        measured[preset] = { error: message };
        failures.push(`${preset} ${page.path}: ${message}`);
        console.log(`  -  ${preset.padEnd(7)}  ${message}  ${label}`);
        continue;
      }
      const median = [...results].sort((a, b) => a.figures.score - b.figures.score)[Math.floor((results.length - 1) / 2)]!;
      const figures = { ...median.figures, ...(runs > 1 ? { scores: results.map((result) => result.figures.score) } : {}) };
      measured[preset] = figures;
      // The median run's full report, to open in a browser (treemap, long tasks, LCP breakdown).
      mkdirSync("bench/results/lighthouse", { recursive: true });
      writeFileSync(`bench/results/lighthouse/${preset}-${page.path.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "overview"}.html`, generateReport(median.lhr, "html"));
      console.log(`${String(figures.score).padStart(3)}  ${preset.padEnd(7)}  FCP ${ms(figures.fcpMs)}  LCP ${ms(figures.lcpMs)}  TBT ${ms(figures.tbtMs)}  CLS ${figures.cls.toFixed(3)}  JS ${figures.jsTransferKb} KB  ${label}`);
    }
    pages.push({ path: page.path, signedIn: page.signedIn, ...measured });
  }

  const transactions = pages[0]!.mobile;
  const transactionsScore = transactions && "score" in transactions ? transactions.score : null;
  const result = {
    lighthouse: (JSON.parse(readFileSync("node_modules/lighthouse/package.json", "utf8")) as { version: string }).version,
    chromium: version.Browser ?? chromePath,
    runsPerPage: runs,
    pages,
    target: { page: PAGES[0]!.path, preset: "mobile", score: TARGET, met: transactionsScore !== null && transactionsScore >= TARGET },
    failures,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/lighthouse.json", `${JSON.stringify(result, null, 2)}\n`);
  if (failures.length) process.exitCode = 1;
} finally {
  stopping = true;
  chrome?.kill();
  app?.kill("SIGTERM");
  emulators.child.kill("SIGTERM");
}

interface Figures {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  jsTransferKb: number;
  totalTransferKb: number;
  requests: number;
  /** Main-thread work during the load (Lighthouse's mainthread-work-breakdown). */
  mainThreadMs: number;
  /** Lighthouse's measure of this machine's CPU (a fast desktop is about 1500-2000). */
  benchmarkIndex: number;
  warnings: string[];
  scores?: number[];
}

/** Lighthouse's own advice for a failed trace is to run it again; up to three tries in all. */
async function measureWithRetries(port: number, path: string, preset: Preset, cookie: string | undefined): Promise<Measured> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await measure(port, path, preset, cookie);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt === 3) throw error;
      console.log(`     ${preset.padEnd(7)}  ${error.message}; trying again`);
    }
  }
}

interface Measured {
  figures: Figures;
  lhr: Result;
}

/** One Lighthouse navigation of `path`; throws on a page that did not load or landed on sign-in. */
async function measure(port: number, path: string, preset: Preset, cookie: string | undefined): Promise<Measured> {
  const flags: Flags = { port, output: "json", logLevel: "error", onlyCategories: ["performance"], ...(cookie ? { extraHeaders: { cookie } } : {}) };
  const config: Config | undefined = preset === "desktop" ? desktopConfig : undefined;
  const lhr: Result | undefined = (await lighthouse(`${base}${path}`, flags, config))?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${path}`);
  if (lhr.runtimeError) throw new LighthouseRunError(`Lighthouse could not measure ${path}: ${lhr.runtimeError.code}`);
  const landed = new URL(lhr.finalDisplayedUrl).pathname;
  if (cookie && landed.startsWith("/login")) throw new Error(`${path} sent the signed-in manager to ${landed}: the session cookie was not accepted`);
  const score = lhr.categories.performance?.score;
  if (score === null || score === undefined) throw new Error(`Lighthouse gave ${path} no performance score (${lhr.runWarnings.join("; ")})`);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const summary = (lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number; requestCount: number }[] } | undefined)?.items ?? [];
  const row = (type: string) => summary.find((item) => item.resourceType === type);
  const figures: Figures = {
    score: Math.round(score * 100),
    fcpMs: round(numeric("first-contentful-paint"), 0),
    lcpMs: round(numeric("largest-contentful-paint"), 0),
    tbtMs: round(numeric("total-blocking-time"), 0),
    cls: round(numeric("cumulative-layout-shift"), 3),
    speedIndexMs: round(numeric("speed-index"), 0),
    jsTransferKb: round((row("script")?.transferSize ?? 0) / 1024),
    totalTransferKb: round((row("total")?.transferSize ?? 0) / 1024),
    requests: row("total")?.requestCount ?? 0,
    mainThreadMs: round(numeric("mainthread-work-breakdown"), 0),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    warnings: lhr.runWarnings,
  };
  return { figures, lhr };
}

function ms(value: number): string {
  return `${value} ms`.padStart(8);
}

/** Opens the table (which starts the first sync), then waits until every resource is on incremental and nothing runs. */
async function waitForFirstSync(cookie: string) {
  const started = performance.now();
  await warmUp(`/m/${ACCOUNT}/transactions`, cookie);
  for (;;) {
    const response = await fetch(`${base}/api/m/${ACCOUNT}/sync`, { headers: { cookie } });
    const status = (await response.json()) as { running?: boolean; resources?: Record<string, { mode: string; lastSuccessAt: string | null; lastError: string | null }> };
    if (!status.resources) throw new Error(`the sync status of ${ACCOUNT} answered ${response.status}: ${JSON.stringify(status)}`);
    const resources = Object.values(status.resources);
    if (!status.running && resources.every((resource) => resource.mode === "incremental" && resource.lastSuccessAt)) break;
    const failed = resources.find((resource) => resource.lastError);
    if (!status.running && failed) throw new Error(`the first sync of ${ACCOUNT} failed: ${failed.lastError}`);
    // A run that stopped short (an upstream budget wait) is started again by the next page view.
    if (!status.running) await warmUp(`/m/${ACCOUNT}/transactions`, cookie);
    if (performance.now() - started > SYNC_TIMEOUT_MS) throw new Error(`the first sync of ${ACCOUNT} did not finish within ${SYNC_TIMEOUT_MS / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  console.log(`first full sync of ${ACCOUNT}: ${round((performance.now() - started) / 1000)} s`);
}

/** One plain request first, so the measured load is not the server's first render of the route. */
async function warmUp(path: string, cookie: string | undefined) {
  const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(60_000) });
  await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  if (cookie && new URL(response.url).pathname.startsWith("/login")) throw new Error(`${path} sent the signed-in manager to sign in`);
}
