import { readFileSync } from "node:fs";
import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";
import { storageStatePath } from "../fixtures/users";
import { openFilledTable } from "../tables/helpers";

/** Bad input gets a clear answer: never a 500, a stack trace or an empty table with no word of why. */
const TRANSACTIONS = "/m/harbor-law-operating/transactions";
const SERVER_LOG = "e2e/.logs/app-server.log";

test.use({ storageState: storageStatePath("admin") });

const serverLogSince = (offset: number) => readFileSync(SERVER_LOG, "utf8").slice(offset);
const serverLogLength = () => readFileSync(SERVER_LOG, "utf8").length;

test.describe("bad input", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const { page, context } = await asRole(browser, "admin");
    await openFilledTable(page, TRANSACTIONS, "transaction-row");
    await context.close();
  });

  test("a date past 2100 is ignored and said so beside the field, instead of 'could not be loaded'", async ({ page }) => {
    const response = await page.goto(`${TRANSACTIONS}?to=9999-12-31`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("filter-to-problem")).toHaveText("Not used: enter a date from 2000-01-01 to 2100-12-31.");
    await expect(page.getByTestId("filter-to")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("transaction-row").first()).toBeVisible();
    await expect(page.getByTestId("table-error")).toHaveCount(0);
  });

  test("from after to, and min above max, are named beside the fields rather than shown as an empty table", async ({ page }) => {
    await page.goto(`${TRANSACTIONS}?from=2026-03-01&to=2026-02-01`);
    await expect(page.getByTestId("filter-to-problem")).toHaveText("“To” is before “From”: no row can match.");
    await expect(page.getByTestId("table-empty")).toHaveText("No transactions can match these filters: see the message beside them.");

    await page.goto(`${TRANSACTIONS}?min=100&max=5`);
    await expect(page.getByTestId("filter-max-problem")).toHaveText("“Max $” is below “Min $”: no row can match.");
    await expect(page.getByTestId("filter-max")).toHaveAttribute("aria-describedby", "filter-max-problem");
  });

  test("?page=999999 shows the last page of every table, the audit log too", async ({ page }) => {
    for (const [path, row] of [
      [TRANSACTIONS, "transaction-row"],
      ["/m/harbor-law-operating/customers", "customer-row"],
      ["/admin/audit", "audit-event"],
    ] as const) {
      await page.goto(`${path}?page=999999`);
      const indicator = (await page.getByTestId("page-indicator").innerText()).match(/Page ([\d,]+) of ([\d,]+)/);
      expect(indicator, `${path}: ${await page.getByTestId("page-indicator").innerText()}`).not.toBeNull();
      expect(indicator![1]).toBe(indicator![2]);
      await expect(page.getByTestId(row).first()).toBeVisible();
      const [from, to, total] = (await page.getByTestId("pagination-summary").innerText()).match(/[\d,]+/g)!.map((n) => Number(n.replaceAll(",", "")));
      expect(from).toBeLessThanOrEqual(to!);
      expect(to).toBe(total);
      await expect(page.getByTestId("page-next")).toHaveAttribute("aria-disabled", "true");
    }
  });

  test("a path whose percent-encoding does not decode answers the app's own 404 page, or a JSON 400 under /api", async ({ page }) => {
    for (const path of ["/m/%C0%AF/transactions", "/admin/merchants/%FF", "/m/harbor-law-operating/customers/%E0%A4%A"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
      expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
    }
    for (const path of ["/api/m/%E0%A4%A/sync", "/api/auth/%FF"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.json()).toEqual({ error: "This address is malformed." });
    }
  });

  test("a CR or LF in callbackUrl never gives a 500: signed in, the login page sends you home", async ({ page }) => {
    const response = await page.goto("/login?callbackUrl=%2Fadmin%0D%0ASet-Cookie%3A%20x%3D1");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/(m\/[^/]+\/[a-z-]+)?$/);
    await expect(page.getByTestId("viewer-name")).toBeVisible();
  });

  test("a malformed server-action body answers a clean 400 and logs one line without a stack", async ({ page }) => {
    await page.goto(TRANSACTIONS);
    await expect(page.locator('[data-testid="sync-status"][data-hydrated="true"]')).toBeVisible();
    // The real action request the Refresh form sends, to learn its action id.
    const [request] = await Promise.all([
      page.waitForRequest((candidate) => candidate.method() === "POST" && !!candidate.headers()["next-action"]),
      page.getByTestId("sync-refresh").click(),
    ]);
    const action = request.headers()["next-action"]!;
    const before = serverLogLength();
    const bodies: [string, string][] = [
      ["{garbage", "text/plain;charset=UTF-8"],
      ['{"a":1}', "text/plain;charset=UTF-8"],
      ['["$Q1"]', "text/plain;charset=UTF-8"],
      ["nonsense", "multipart/form-data; boundary=xyz"],
    ];
    for (const [data, type] of bodies) {
      const response = await page.request.post(TRANSACTIONS, { headers: { "next-action": action, "content-type": type, accept: "text/x-component" }, data });
      expect(response.status(), data).toBe(400);
      expect(await response.text()).toBe("This form submission could not be read. Reload the page and try again.");
    }
    // Decoded, but not a form: the action itself refuses it.
    const empty = await page.request.post(TRANSACTIONS, { headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" }, data: "[]" });
    expect(empty.status()).toBe(200);
    expect(await empty.text()).toContain("This form submission could not be read.");

    await expect.poll(() => serverLogSince(before).split("\n").filter((line) => line.includes("bad request refused")).length).toBe(bodies.length);
    const log = serverLogSince(before);
    expect(log).not.toMatch(/^\s+at /m);
    expect(log).not.toContain("⨯");
  });
});
