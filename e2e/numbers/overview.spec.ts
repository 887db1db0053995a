import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";
import { openFilledTable } from "../tables/helpers";
import { paginationTotal, setTimeZone, waitForRecentDays } from "./helpers";

const TABLE = "/m/harbor-law-operating/transactions";

test.describe("overview", () => {
  test("shows the demo account's numbers, and its chart renders with the same numbers as a table", async ({ browser }) => {
    test.setTimeout(420_000);
    const { page, context } = await asRole(browser, "manager");
    const hydrationErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /hydrat/i.test(message.text())) hydrationErrors.push(message.text());
    });
    await openFilledTable(page, TABLE, "transaction-row");
    await waitForRecentDays(page, "harbor-law-operating");
    // The demo accounts keep their books in UTC; the table's days are the viewer's, so use UTC too.
    const zoneBefore = await setTimeZone(page, "UTC");
    try {
      await page.goto("/?account=harbor-law-operating");
      await expect(page.getByTestId("overview-account")).toHaveValue("harbor-law-operating");
      const month = page.getByTestId("period-month");
      const declines = Number((await month.getByTestId("metric-declines").locator("span").first().innerText()).replace(/,/g, ""));
      const sales = Number((await month.getByTestId("metric-sales").innerText()).replace(/,/g, ""));
      expect(sales).toBeGreaterThan(1000);
      expect(declines).toBeGreaterThan(50);
      await expect(month.getByTestId("metric-gross")).toHaveText(/^\$[\d,]+\.\d{2}$/);
      await expect(month.getByTestId("metric-approval")).toHaveText(/^\d{2}(\.\d)?%$/);

      // The chart: bars drawn on the server, described, and its numbers behind it as a table.
      const chart = page.getByTestId("daily-volume-chart");
      expect(await chart.locator("svg rect").count()).toBeGreaterThan(30);
      await expect(chart.locator("svg desc")).toContainText("approved");
      await chart.getByText("Show the numbers as a table").click();
      const rows = chart.getByTestId("daily-volume-row");
      await expect(rows).toHaveCount(30);
      const daily = (await chart.getByTestId("daily-declines").allInnerTexts()).reduce((sum, text) => sum + Number(text.replace(/,/g, "")), 0);
      expect(daily).toBe(declines);

      // The same 30 days in the transactions table, declined only: the same count.
      const first = (await rows.first().locator("th").innerText()).trim();
      const last = (await rows.last().locator("th").innerText()).trim();
      await page.goto(`${TABLE}?status=declined&from=${first}&to=${last}`);
      expect(await paginationTotal(page)).toBe(declines);

      await page.goto("/?account=harbor-law-operating&period=7d");
      await expect(page.getByTestId("decline-reasons-item").first()).toBeVisible();
      await expect(page.getByTestId("card-mix-item").first()).toContainText(/Visa|MasterCard|Amex|Discover|Check/);
      await expect(page.getByTestId("open-batch-total")).toHaveText(/\$/);
      await expect(page.getByTestId("open-batch-closes")).toContainText(/00:30 UTC/);
      await expect(page.getByTestId("sync-freshness")).toContainText("synced");
      expect(hydrationErrors).toEqual([]);
    } finally {
      await setTimeZone(page, zoneBefore);
      await context.close();
    }
  });

  test("a viewer's overview covers only the accounts granted to them", async ({ browser }) => {
    const { page, context } = await asRole(browser, "viewer");
    await page.goto("/");
    // Other specs grant the viewer accounts of their own (the money specs'); never the demo Trust account.
    const options = page.getByTestId("overview-account").locator("option");
    await expect(options.first()).toHaveText("All accounts");
    await expect(options.filter({ hasText: "Harbor Law – Operating" })).toHaveCount(1);
    await expect(options.filter({ hasText: "Harbor Law – Trust" })).toHaveCount(0);
    const granted = (await options.count()) - 1;
    await page.goto("/?account=harbor-law-trust");
    await expect(page.getByTestId("overview-unknown-account")).toBeVisible();
    // "Showing all of yours": every granted account, and still not the Trust one.
    await expect(page.getByTestId("account-status")).toHaveCount(granted);
    await expect(page.getByTestId("account-statuses")).not.toContainText("Harbor Law – Trust");
    await context.close();
  });
});
