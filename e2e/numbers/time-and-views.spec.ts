import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { enrolTwoFactor, expectSignedInAs, signIn } from "../fixtures/login";
import { asRole } from "../fixtures/roles";
import { gotoTable, openFilledTable } from "../tables/helpers";
import { setTimeZone } from "./helpers";

const TABLE = "/m/harbor-law-operating/transactions";

/** "2026-02-03 14:05" → minutes since the epoch, read as if UTC (for differences only). */
const minutesOf = (text: string) => Date.parse(`${text.trim().replace(" ", "T")}:00Z`) / 60_000;

test.describe("time zones", () => {
  test("a new user's browser zone is saved on first sign-in, every table uses it, and the profile changes it", async ({ browser }) => {
    test.setTimeout(180_000);
    const email = `zone-${Date.now()}@paydesk.test`;
    const password = "a-long-initial-password";
    const admin = await asRole(browser, "admin");
    await openFilledTable(admin.page, TABLE, "transaction-row");
    await admin.page.goto("/admin/users");
    await admin.page.getByLabel("Name").fill("Tomoko Zone");
    await admin.page.getByLabel("Email").fill(email);
    await admin.page.getByLabel("Role", { exact: true }).selectOption("ADMIN");
    await admin.page.getByLabel("Initial password").fill(password);
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await expect(admin.page.getByTestId("create-user-message")).toHaveText(`Added ${email}.`);
    await admin.context.close();

    const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    await signIn(page, email, password);
    // An admin must use two-factor sign-in (PCI DSS 8.4.2): the first sign-in enrols.
    await enrolTwoFactor(page, email);
    await expectSignedInAs(page, "Tomoko Zone");
    await expect(async () => {
      await page.goto("/account");
      await expect(page.getByTestId("time-zone-select")).toHaveValue("Asia/Tokyo", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    await gotoTable(page, `${TABLE}?sort=created&dir=desc`);
    await expect(page.getByTestId("table-time-zone")).toHaveText("Times in Asia/Tokyo (UTC+9)");
    const firstRow = page.getByTestId("transaction-row").first();
    const refnum = (await firstRow.locator("td").nth(1).innerText()).trim();
    const inTokyo = minutesOf(await firstRow.locator("td").first().innerText());

    await setTimeZone(page, "UTC");
    await gotoTable(page, `${TABLE}?sort=created&dir=desc&q=${refnum}`);
    await expect(page.getByTestId("table-time-zone")).toHaveText("Times in UTC (UTC)");
    const inUtc = minutesOf(await page.getByTestId("transaction-row").first().locator("td").first().innerText());
    expect(inTokyo - inUtc).toBe(9 * 60);

    // A "to" day includes that whole day, in the viewer's zone.
    const day = (await page.getByTestId("transaction-row").first().locator("td").first().innerText()).slice(0, 10);
    await gotoTable(page, `${TABLE}?q=${refnum}&from=${day}&to=${day}`);
    await expect(page.getByTestId("transaction-row")).toHaveCount(1);
    await context.close();
  });
});

/**
 * How many Card column headers people see (a hidden column stays in the HTML, hidden by the
 * chooser's style rule, so it is out of the accessibility tree), after a reload too: the choice
 * is saved in the background.
 */
async function expectCardColumns(page: Page, count: number) {
  const cardHeader = page.getByRole("columnheader", { name: "Card" });
  await expect(cardHeader).toHaveCount(count);
  await expect(async () => {
    await page.reload();
    await expect(cardHeader).toHaveCount(count, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
}

test.describe("column choice and saved views", () => {
  test("hidden columns stay hidden across visits and come back when chosen", async ({ browser }) => {
    test.setTimeout(120_000);
    const { page, context } = await asRole(browser, "admin");
    await openFilledTable(page, TABLE, "transaction-row");
    await gotoTable(page, TABLE);
    await expect(page.getByRole("columnheader", { name: "Card" })).toHaveCount(1);
    try {
      await page.getByTestId("column-chooser").locator("summary").click();
      await page.getByTestId("column-toggle-card").uncheck();
      await expectCardColumns(page, 0);
      await expect(page.getByRole("columnheader", { name: "Amount" })).toHaveCount(1);
      // Hidden on the phone cards too, where each field is labelled by its column.
      await expect(page.getByTestId("transaction-row-card").first().locator('[data-column="card"]')).toBeHidden();
    } finally {
      await gotoTable(page, TABLE);
      await page.getByTestId("column-chooser").locator("summary").click();
      await page.getByTestId("column-toggle-card").check();
      await expectCardColumns(page, 1);
    }
    await context.close();
  });

  test("a saved view keeps the filters under a name and its link opens them for someone else", async ({ browser }) => {
    test.setTimeout(120_000);
    const name = `Settled Visa ${Date.now()}`;
    const { page, context } = await asRole(browser, "manager");
    await openFilledTable(page, TABLE, "transaction-row");
    await gotoTable(page, `${TABLE}?status=settled&card=Visa`);
    await page.getByTestId("saved-views").locator("summary").click();
    await page.getByTestId("view-name").fill(name);
    await page.getByTestId("view-save").click();
    await expect(page.getByTestId("view-message")).toHaveText(`Saved the view “${name}”.`);

    await gotoTable(page, TABLE);
    await page.getByTestId("saved-views").locator("summary").click();
    const view = page.getByTestId("saved-view").filter({ hasText: name });
    const href = await view.getByRole("link", { name }).getAttribute("href");
    expect(href).toBe(`${TABLE}?status=settled&card=Visa`);
    await view.getByRole("link", { name }).click();
    await expect(page.getByTestId("filter-status")).toHaveValue("settled");
    await expect(page.getByTestId("filter-card")).toHaveValue("Visa");

    // Shared as a link: another user opens the same filters.
    const other = await asRole(browser, "viewer");
    await gotoTable(other.page, href!);
    await expect(other.page.getByTestId("filter-status")).toHaveValue("settled");
    await other.context.close();

    await gotoTable(page, TABLE);
    await page.getByTestId("saved-views").locator("summary").click();
    await page.getByTestId("saved-view").filter({ hasText: name }).getByRole("button", { name: `Delete the view ${name}` }).click();
    await expect(page.getByTestId("saved-view").filter({ hasText: name })).toHaveCount(0);
    await context.close();
  });
});
