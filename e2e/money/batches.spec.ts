import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";
import { cents } from "../tables/helpers";
import { createMoneyAccount, makeSale, refundOutside, upstreamCalls, type MoneyAccount } from "./helpers";

let account: MoneyAccount;

test.describe("batches", () => {
  test.beforeAll(async ({ browser }) => {
    account = await createMoneyAccount(browser, "Batches");
  });

  test("the batch page's totals match the sum of its transactions; an admin closes the batch", async ({ browser }) => {
    test.setTimeout(120_000);
    const first = await makeSale(account, "100.00");
    await makeSale(account, "25.50");
    await refundOutside(account, first, "10.25");
    const { page, context } = await asRole(browser, "admin");

    // The first visit starts the account's mirror sync; the batch page then agrees with USAePay.
    await page.goto(`/m/${account.slug}/batches`);
    await expect(page.getByTestId("open-batch")).toBeVisible();
    await page.getByTestId("batch-row").first().getByTestId("batch-link").click();
    await expect(page).toHaveURL(new RegExp(`/m/${account.slug}/batches/[a-z0-9]+$`));
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("batch-agreement")).toHaveAttribute("data-agree", "true", { timeout: 1000 });
      await expect(page.getByTestId("transaction-row")).toHaveCount(3, { timeout: 1000 });
    }).toPass({ timeout: 60_000, intervals: [1000, 2000] });
    await expect(page.getByTestId("batch-net")).toHaveText("$115.25");
    await expect(page.getByTestId("totals-net")).toHaveText("$115.25");
    await expect(page.getByTestId("totals-gross")).toHaveText("$125.50");
    await expect(page.getByTestId("totals-refunds")).toHaveText("-$10.25");
    const amounts = (await page.getByTestId("transaction-row").locator("td:last-child").allInnerTexts()).map(cents);
    expect(amounts.reduce((sum, value) => sum + value, 0)).toBe(11_525);

    // A transaction links to its batch.
    await page.getByTestId("transaction-link").first().click();
    await expect(page.getByTestId("batch-link")).toBeVisible();

    // Close it (admins), confirmed; its transactions settle at once.
    await page.goto(`/m/${account.slug}/batches`);
    await page.getByTestId("close-batch-form-review").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Its 3 transactions settle now for a net $115.25");
    const before = await upstreamCalls(account, "POST /batches/current/close");
    await dialog.getByRole("button", { name: "Close batch" }).click();
    await expect(page.locator("[data-sonner-toast]")).toContainText("is closed");
    expect(await upstreamCalls(account, "POST /batches/current/close")).toBe(before + 1);
    await expect(page.getByTestId("batch-row").first()).toHaveAttribute("data-status", "closed");
    await expect(page.getByTestId("open-batch")).toHaveCount(0);
    await page.goto(`/m/${account.slug}/transactions`);
    await expect(page.getByTestId("transaction-row").first()).toContainText("Settled");
    await context.close();
  });

  test("managers and viewers see the batches but cannot close one", async ({ browser }) => {
    await makeSale(account, "12.00");
    for (const role of ["manager", "viewer"] as const) {
      const { page, context } = await asRole(browser, role);
      await page.goto(`/m/${account.slug}/batches`);
      await expect(page.getByTestId("open-batch")).toBeVisible();
      await expect(page.getByTestId("close-batch-form")).toHaveCount(0);
      await context.close();
    }
  });
});
