/**
 * Goal (reported, and the budget the front-end work holds): each page's first-load JavaScript,
 * gzipped. Signs in as the demo admin on a running app and records every script a page loads
 * before it is idle; sums the gzip size of each distinct script once per page.
 *
 *   npx tsx bench/page-weight.ts --base http://127.0.0.1:3000 [/ /m/harbor-law-operating/transactions …]
 *
 * Needs a built app serving the demo data (`npm run demo`, or the e2e server). Writes
 * bench/results/page-weight.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { DEMO_USERS } from "../prisma/demo-users";
import { findChromium } from "../scripts/chromium";
import { chromiumLookup } from "../scripts/chromium-probes";

const args = process.argv.slice(2);
const base = args[args.indexOf("--base") + 1] ?? "http://127.0.0.1:3000";
const paths = args.filter((arg) => arg.startsWith("/"));
const pages = paths.length ? paths : ["/", "/m/harbor-law-operating/transactions", "/m/harbor-law-operating/customers", "/admin/audit", "/account"];
const admin = DEMO_USERS.find((user) => user.role === "ADMIN")!;

const browser = await chromium.launch({ executablePath: findChromium(chromiumLookup())?.path, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("viewer-name").waitFor();

  const report: Record<string, { scripts: number; gzipKb: number }> = {};
  for (const path of pages) {
    const scripts = new Map<string, Promise<number>>();
    const listener = (response: import("@playwright/test").Response) => {
      if (response.request().resourceType() === "script" && !scripts.has(response.url())) scripts.set(response.url(), response.body().then((body) => gzipSync(body).length).catch(() => 0));
    };
    const fresh = await context.newPage();
    fresh.on("response", listener);
    await fresh.goto(path, { waitUntil: "load" });
    // Scripts a page loads after "load" (lazy chunks) count too; prefetches of other pages may poll, so no "networkidle".
    await fresh.waitForTimeout(2000);
    const sizes = await Promise.all(scripts.values());
    report[path] = { scripts: sizes.length, gzipKb: Math.round(sizes.reduce((sum, size) => sum + size, 0) / 102.4) / 10 };
    await fresh.close();
  }
  console.log(JSON.stringify(report, null, 2));
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/page-weight.json", `${JSON.stringify({ base, pages: report }, null, 2)}\n`);
} finally {
  await browser.close();
}
