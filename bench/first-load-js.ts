/**
 * Goal: first-load JavaScript ≤ 150 KB gzip for every dashboard page.
 *
 *   npx tsx bench/first-load-js.ts [--no-build] [--check]
 *
 * Builds once (`next build`, skipped with --no-build to read the .next of the last build),
 * then reads, for each app route, what its first paint loads: the root main files of the
 * build manifest (the runtime, React, the router) and every chunk its client reference
 * manifest lists for the route's segments (layouts, page, loading, error and not-found
 * boundaries). Sizes are summed raw and gzip-compressed (zlib's default level, as a server
 * sends them). Prints one line per route and writes bench/results/first-load-js.json;
 * --check exits 1 when a page is over the budget (`npm test` runs it after the build: npm run test:bundle).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const NEXT = ".next";
const args = process.argv.slice(2);

if (!args.includes("--no-build")) {
  execFileSync("node", ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } });
}

interface ClientManifest {
  entryJSFiles?: Record<string, string[]>;
}

/** Every page's client reference manifest under .next/server/app. */
function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return manifests(path);
    return name === "page_client-reference-manifest.js" ? [path] : [];
  });
}

/** The manifest file assigns globalThis.__RSC_MANIFEST[entry]; run it in a scratch global. */
function readClientManifest(path: string): ClientManifest {
  const scope: { __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
  new Function("globalThis", readFileSync(path, "utf8"))(scope);
  return Object.values(scope.__RSC_MANIFEST ?? {})[0] ?? {};
}

/** "app/(dashboard)/m/[merchant]/transactions/(table)" → "/m/[merchant]/transactions" */
function routeOf(manifestPath: string): string {
  const segments = relative(join(NEXT, "server", "app"), manifestPath).split(sep).slice(0, -1);
  return `/${segments.filter((segment) => !(segment.startsWith("(") && segment.endsWith(")"))).join("/")}`;
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string) {
  const known = sizes.get(file);
  if (known) return known;
  const body = readFileSync(join(NEXT, file));
  const size = { raw: body.length, gzip: gzipSync(body).length };
  sizes.set(file, size);
  return size;
}

const buildManifest = JSON.parse(readFileSync(join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

const routes = manifests(join(NEXT, "server", "app"))
  .map((path) => {
    const manifest = readClientManifest(path);
    const files = [...new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()])].filter((file) => file.endsWith(".js"));
    const total = files.reduce((sum, file) => ({ raw: sum.raw + sizeOf(file).raw, gzip: sum.gzip + sizeOf(file).gzip }), { raw: 0, gzip: 0 });
    return { route: routeOf(path), files: files.length, rawKb: kb(total.raw), gzipKb: kb(total.gzip) };
  })
  .filter((entry) => !entry.route.startsWith("/_"))
  .sort((a, b) => b.gzipKb - a.gzipKb);

// Every page, the sign-in steps too (the issue names the dashboard's; the sign-in pages are lighter and held to the same).
const pages = routes.filter((entry) => !entry.route.startsWith("/api"));
const over = pages.filter((entry) => entry.gzipKb > BUDGET_KB);
for (const entry of routes) {
  console.log(`${entry.gzipKb.toFixed(1).padStart(7)} KB gzip ${entry.rawKb.toFixed(1).padStart(8)} KB raw  ${String(entry.files).padStart(3)} files  ${entry.route}${entry.gzipKb > BUDGET_KB ? "  (over budget)" : ""}`);
}
console.log(over.length ? `${over.length} of ${pages.length} pages over ${BUDGET_KB} KB gzip` : `every page (${pages.length}) within ${BUDGET_KB} KB gzip`);

mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/first-load-js.json", `${JSON.stringify({ budgetKbGzip: BUDGET_KB, routes, over: over.map((entry) => entry.route) }, null, 2)}\n`);
if (args.includes("--check") && over.length) process.exit(1);
