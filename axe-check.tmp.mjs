import { chromium } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
const [role, width, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const context = await browser.newContext({ storageState: `e2e/.auth/${role}.json`, baseURL: "http://127.0.0.1:3100", viewport: { width: Number(width), height: 844 } });
const page = await context.newPage();
for (const path of paths) {
  await page.goto(path);
  await page.waitForTimeout(1500);
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  console.log(`${path} (${role} ${width}): ${r.violations.length} violations`);
  for (const v of r.violations) for (const n of v.nodes.slice(0, 3)) console.log("  ", v.id, n.html.slice(0, 200), "|", n.failureSummary?.replace(/\n/g, " ").slice(0, 250));
}
await browser.close();
