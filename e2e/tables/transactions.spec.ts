import { expect, test } from "../fixtures/test";
import { storageStatePath } from "../fixtures/users";
import { cents, clearUsaepayFaults, clearUsaepayLatency, failUsaepay, gotoTable, openFilledTable, setUsaepayLatency, waitForFullSync } from "./helpers";

const TABLE = "/m/harbor-law-operating/transactions";

test.use({ storageState: storageStatePath("manager") });

test.describe("transactions table", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(360_000);
    const context = await browser.newContext({ storageState: storageStatePath("manager") });
    const page = await context.newPage();
    await openFilledTable(page, TABLE, "transaction-row");
    // Filters and paging assert on a stable mirror: let the first full sync finish.
    await waitForFullSync(context.request, "harbor-law-operating");
    await context.close();
  });

  test.beforeEach(async ({ page }) => {
    await gotoTable(page, TABLE);
  });

  test("search by reference number narrows the table and survives a reload", async ({ page }) => {
    const refnum = (await page.getByTestId("transaction-row").first().locator("td").nth(1).innerText()).trim();
    await page.getByTestId("filter-q").fill(refnum);
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(new RegExp(`q=${refnum}`));
    await expect(page.getByTestId("transaction-row").first().locator("td").nth(1)).toHaveText(refnum);
    await page.reload();
    await expect(page.getByTestId("filter-q")).toHaveValue(refnum);
    await expect(page.getByTestId("transaction-row").first().locator("td").nth(1)).toHaveText(refnum);
  });

  test("status and date filters show only matching rows", async ({ page }) => {
    await page.getByTestId("filter-status").selectOption("voided");
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(/status=voided/);
    const statuses = page.getByTestId("transaction-row").locator("td:nth-child(5)");
    await expect(statuses.first()).toBeVisible();
    for (const text of await statuses.allInnerTexts()) expect(text).toMatch(/Voided/);

    await gotoTable(page, TABLE);
    const firstDate = (await page.getByTestId("transaction-row").first().locator("td").first().innerText()).slice(0, 10);
    await page.getByTestId("filter-from").fill(firstDate);
    await page.getByTestId("filter-to").fill(firstDate);
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(new RegExp(`from=${firstDate}&to=${firstDate}`));
    const dates = page.getByTestId("transaction-row").locator("td:first-child");
    await expect(dates.first()).toBeVisible();
    for (const text of await dates.allInnerTexts()) expect(text.startsWith(firstDate)).toBe(true);
  });

  test("sorting by amount with the keyboard orders the rows both ways", async ({ page }) => {
    await page.getByTestId("sort-amount").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=amount/);
    await expect(page.locator("th[aria-sort='descending']")).toContainText("Amount");
    // Refunds and credits show negative; the sort is by the size of the amount.
    const desc = (await page.getByTestId("transaction-row").locator("td:last-child").allInnerTexts()).map((text) => Math.abs(cents(text)));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));

    await page.getByTestId("sort-amount").click();
    await expect(page).toHaveURL(/dir=asc/);
    await expect(page.locator("th[aria-sort='ascending']")).toContainText("Amount");
    const asc = (await page.getByTestId("transaction-row").locator("td:last-child").allInnerTexts()).map((text) => Math.abs(cents(text)));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
  });

  test("paging forward and the back button restore the previous state", async ({ page }) => {
    await page.getByTestId("filter-status").selectOption("settled");
    await page.getByTestId("filter-page-size").selectOption("10");
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(/status=settled/);
    await expect(page.getByTestId("pagination-summary")).toContainText(/^1–10 of/);
    const firstOnPage1 = await page.getByTestId("transaction-row").first().locator("td").nth(1).innerText();

    await page.getByTestId("page-next").click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("page-indicator")).toContainText("Page 2 of");
    await expect(page.getByTestId("transaction-row")).toHaveCount(10);
    expect(await page.getByTestId("transaction-row").first().locator("td").nth(1).innerText()).not.toBe(firstOnPage1);

    await page.goBack();
    await expect(page).not.toHaveURL(/page=2/);
    await expect(page.getByTestId("page-indicator")).toContainText("Page 1 of");
    await expect(page.getByTestId("filter-status")).toHaveValue("settled");
    await expect(page.getByTestId("transaction-row").first().locator("td").nth(1)).toHaveText(firstOnPage1);
  });

  test("on a phone each row becomes a card", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId("transaction-row-card").first()).toBeVisible();
    await expect(page.getByTestId("transaction-row").first()).toBeHidden();
    await expect(page.getByTestId("transaction-row-card").first()).toContainText("Amount");
  });

  test("junk parameters fall back to defaults instead of failing", async ({ page }) => {
    await page.goto(`${TABLE}?page=-4&pageSize=7&sort=drop&dir=sideways&status=nope&from=2026-13-45&min=abc`);
    await expect(page.getByTestId("transaction-row").first()).toBeVisible();
    await expect(page.getByTestId("page-indicator")).toContainText("Page 1 of");
    await expect(page.getByTestId("transaction-row")).toHaveCount(25);
  });

  test("a transaction's detail page shows the local copy, then confirmed with USAePay in the background", async ({ page }) => {
    const row = page.getByTestId("transaction-row").first();
    const amount = await row.locator("td:last-child").innerText();
    await row.getByTestId("transaction-link").click();
    await expect(page.getByTestId("detail-fresh")).toBeVisible();
    await expect(page.getByTestId("detail-amount")).toHaveText(amount);
    await expect(page.getByTestId("transaction-detail")).not.toContainText(/\b\d{13,19}\b/);
  });

  test("when USAePay fails, the detail page shows the mirror's copy, clearly marked", async ({ page }) => {
    const link = page.getByTestId("transaction-link").first();
    const key = (await link.getAttribute("href"))!.split("/").pop()!;
    const amount = await page.getByTestId("transaction-row").first().locator("td:last-child").innerText();
    await failUsaepay(`/api/v2/transactions/${key}`, 10);
    try {
      await link.click();
      await expect(page.getByTestId("detail-fallback")).toContainText("Showing the local copy");
      await expect(page.getByTestId("detail-fresh")).toHaveCount(0);
      await expect(page.getByTestId("detail-amount")).toHaveText(amount);
    } finally {
      await clearUsaepayFaults();
    }
  });

  test("Refresh after the first sync shows an incremental run as one (no bar against the whole list), then a fresh 'synced' time", async ({ page }) => {
    await setUsaepayLatency(2500, "/api/v2/transactions*");
    try {
      await page.getByTestId("sync-refresh").click();
      await expect(page.getByTestId("sync-progress")).toBeVisible({ timeout: 10_000 });
      await expect(page.getByTestId("sync-progress")).toContainText(/Checking for new and changed transactions: [\d,]+ read/);
      await expect(page.getByTestId("sync-progress")).toHaveAttribute("data-mode", "incremental");
      await expect(page.getByTestId("sync-progress").locator("progress")).not.toHaveAttribute("value");
    } finally {
      await clearUsaepayLatency();
    }
    await expect(page.getByTestId("sync-progress")).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId("sync-age")).toHaveText(/synced \d+ s ago/);
  });
});
