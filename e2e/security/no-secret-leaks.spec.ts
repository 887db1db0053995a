import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { DEMO_INTEGRATOR_KEY, DEMO_MERCHANTS } from "../../prisma/demo-merchants";
import { CLIENTPAY_EMULATOR } from "../fixtures/emulators";
import { asRole } from "../fixtures/roles";
import type { RoleKey } from "../fixtures/users";

/**
 * Signs in as each role, visits every page it can reach (and the admin pages it cannot),
 * keeps every HTML, RSC and JavaScript response, then checks them and the server log for
 * every seeded secret. 4-digit demo PINs are left out: they match innocent text such as
 * amounts; long keys, the integrator key and live access IDs are checked.
 */
async function seededSecrets(): Promise<string[]> {
  const secrets = [DEMO_INTEGRATOR_KEY, ...DEMO_MERCHANTS.flatMap((merchant) => [merchant.usaepay.key, merchant.clientpay.key])];
  // Any access IDs ClientPay currently holds for the demo accounts are secrets too.
  const listing = await fetch(`${CLIENTPAY_EMULATOR}/__sandbox/clientpay/credentials`).then((response) => response.text());
  for (const match of listing.matchAll(/"(?:currentAccessId|accessId)"\s*:\s*"([^"]+)"/g)) secrets.push(match[1]!);
  return secrets;
}

async function collectResponses(page: Page, bodies: string[]) {
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/html|javascript|x-component|json|text\/plain/.test(type)) return;
    try {
      bodies.push(await response.text());
    } catch {
      // redirects and aborted prefetches have no body
    }
  });
}

async function pagesFor(page: Page, role: RoleKey): Promise<string[]> {
  const urls = ["/", "/customers", "/transactions", "/access-ids", "/admin/merchants", "/admin/users", "/admin/audit"];
  for (const merchant of DEMO_MERCHANTS) {
    for (const section of ["customers", "transactions", "access-ids", "batches", "refund-approvals", "payments", "payment-requests", "payers"]) urls.push(`/m/${merchant.slug}/${section}`);
  }
  if (role === "admin") {
    await page.goto("/admin/merchants");
    const links = await page.getByTestId("merchant-list").getByRole("link").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")!));
    urls.push(...links);
  }
  return urls;
}

test("no merchant secret reaches a browser or the server log", async ({ browser }) => {
  test.setTimeout(120_000);
  const bodies: string[] = [];
  for (const role of ["admin", "manager", "viewer"] as RoleKey[]) {
    const { page, context } = await asRole(browser, role);
    await collectResponses(page, bodies);
    for (const url of await pagesFor(page, role)) {
      // "load", not "networkidle": the tables poll sync progress, so the network never idles.
      await page.goto(url, { waitUntil: "load" });
    }
    await context.close();
  }
  expect(bodies.length).toBeGreaterThan(30);
  // The pages that show credential hints were among those read (so a leak there would be seen).
  expect(bodies.some((body) => body.includes("••••0001"))).toBe(true);

  const secrets = await seededSecrets();
  const serverLog = readFileSync("e2e/.logs/app-server.log", "utf8");
  expect(serverLog.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(bodies.filter((body) => body.includes(secret)).length, `a response carried ${secret.slice(0, 3)}…`).toBe(0);
    expect(serverLog.includes(secret), `the server log carried ${secret.slice(0, 3)}…`).toBe(false);
  }
});
