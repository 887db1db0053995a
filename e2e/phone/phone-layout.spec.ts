import { expect, test } from "../fixtures/test";
import { storageStatePath } from "../fixtures/users";
import { cents, openFilledTable } from "../tables/helpers";

/** A 390 px phone: a menu instead of seven tabs, nothing wider than the screen, and sorting without a header row. */
const TRANSACTIONS = "/m/harbor-law-operating/transactions";

test.use({ storageState: storageStatePath("admin"), viewport: { width: 390, height: 844 } });

test.describe("phone layout", () => {
  test("the top bar fits, and the Menu opens every section from the keyboard, traps focus, and closes on Escape", async ({ page }) => {
    await page.goto("/admin/users");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator("header").evaluate((header) => header.scrollWidth)).toBeLessThanOrEqual(390);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

    const menu = page.getByTestId("menu-button");
    await menu.focus();
    await page.keyboard.press("Enter");
    const sheet = page.getByRole("dialog", { name: "Paydesk" });
    await expect(sheet).toBeVisible();
    for (const section of ["Overview", "Customers", "Transactions", "Access IDs", "Merchant accounts", "Users", "Audit log"]) {
      await expect(sheet.getByRole("link", { name: section })).toBeVisible();
    }
    await expect(sheet.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
    // Focus starts in the sheet, and tabbing never reaches the page behind it (a modal dialog
    // makes it inert; past the sheet's last link focus leaves for the browser, then comes back).
    expect(await sheet.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    let backInSheet = 0;
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press("Tab");
      const where = await sheet.evaluate((element) => (element.contains(document.activeElement) ? "sheet" : document.activeElement === document.body || !document.activeElement ? "browser" : "page"));
      expect(where).not.toBe("page");
      if (where === "sheet") backInSheet += 1;
    }
    expect(backInSheet).toBeGreaterThan(8);
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await expect(menu).toBeFocused();

    await menu.click();
    await sheet.getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(sheet).toBeHidden();
  });

  test("the rows are cards on a phone, with sort links above them", async ({ page }) => {
    test.setTimeout(120_000);
    await openFilledTable(page, TRANSACTIONS, "transaction-row-card");
    await expect(page.getByTestId("transaction-row").first()).toBeHidden();
    const sort = page.getByRole("navigation", { name: "Sort" });
    await expect(sort.getByTestId("phone-sort-created")).toHaveAttribute("aria-current", "true");

    await sort.getByTestId("phone-sort-amount").click();
    // A sort of 100,000 rows while the first sync still writes: give the server time on two busy cores.
    await expect(page).toHaveURL(/sort=amount/, { timeout: 30_000 });
    await expect(sort.getByTestId("phone-sort-amount")).toHaveAttribute("aria-current", "true");
    // Amount is each card's last field.
    const amounts = async () => (await page.getByTestId("transaction-row-card").evaluateAll((cards) => cards.map((card) => [...card.querySelectorAll("dd")].at(-1)?.textContent ?? ""))).map(cents);
    const descending = await amounts();
    expect(descending.length).toBeGreaterThan(1);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    await sort.getByTestId("phone-sort-amount").click();
    await expect(page).toHaveURL(/sort=amount&dir=asc/, { timeout: 30_000 });
    const ascending = await amounts();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
