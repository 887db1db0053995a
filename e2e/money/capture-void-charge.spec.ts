import { expect, test } from "../fixtures/test";
import { storageStatePath } from "../fixtures/users";
import { CARD, createMoneyAccount, makeCustomerWithCard, makeSale, openAction, openTransaction, upstreamCalls, type MoneyAccount } from "./helpers";

let account: MoneyAccount;

test.use({ storageState: storageStatePath("manager") });

test.describe("capture, void and charging a saved card", () => {
  test.beforeAll(async ({ browser }) => {
    account = await createMoneyAccount(browser, "Capture");
  });

  test("a manager captures part of an authorization, then voids the sale and releases the funds", async ({ page }) => {
    const key = await makeSale(account, "80.00", "cc:authonly");
    await openTransaction(page, account, key);
    await expect(page.getByTestId("detail-type")).toContainText("Auth only");
    await expect(page.getByTestId("action-refund")).toHaveCount(0);

    const capture = await openAction(page, "capture");
    await capture.getByLabel("Amount to capture ($, optional)").fill("60");
    await page.getByTestId("capture-form-review").click();
    await expect(page.getByRole("alertdialog")).toContainText("Capture $60.00?");
    await expect(page.getByRole("alertdialog").getByTestId("confirm-facts")).toContainText("$80.00");
    await page.getByRole("alertdialog").getByRole("button", { name: "Capture $60.00" }).click();
    // The capture form is gone once captured: its result is in the history (and a toast).
    await expect(page.getByTestId("money-attempt").first()).toContainText("Captured $60.00: it settles with the open batch.");
    await expect(page.getByTestId("detail-type")).toContainText("Sale");
    await expect(page.getByTestId("detail-amount")).toHaveText("$60.00");
    await expect(page.getByTestId("batch-link")).toBeVisible();

    const voiding = await openAction(page, "void");
    await voiding.getByTestId("void-release").check();
    await page.getByTestId("void-form-review").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Void $60.00 and release the funds?");
    await expect(dialog).toContainText("the hold on the customer's card is released at once");
    await dialog.getByRole("button", { name: "Void and release funds" }).click();
    await expect(page.getByTestId("money-attempt").first()).toContainText("the funds are available to them again right away");
    await expect(page.getByTestId("transaction-detail")).toContainText("Voided (Funds Released)");
    await expect(page.getByTestId("detail-type")).toContainText("Void");
    await expect(page.getByTestId("no-actions")).toBeVisible();
  });

  test("a manager charges a customer's saved card from the customer's page; no card number is typed", async ({ page }) => {
    const { customerKey } = await makeCustomerWithCard(account, `Saved${Date.now() % 10000}`);
    await page.goto(`/m/${account.slug}/customers/${customerKey}`);
    const section = page.getByTestId("charge-section");
    await expect(section.getByLabel("Saved payment method")).toContainText("••••2224");
    // Nothing on the page asks for (or shows) a card number.
    expect(await page.locator("input").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).name))).not.toContain("number");
    await expect(page.locator("body")).not.toContainText(CARD.number);

    await section.getByLabel("Amount ($)").fill("42");
    await section.getByLabel("Invoice (optional)").fill("INV-4242");
    await page.getByTestId("charge-form-review").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Charge $42.00 to");
    await expect(dialog.getByTestId("confirm-facts")).toContainText("INV-4242");
    const before = await upstreamCalls(account, "POST /transactions");
    await dialog.getByRole("button", { name: "Charge $42.00" }).click();
    await expect(page.getByTestId("charge-form-result")).toHaveText(/^Charged \$42\.00 \(reference \d+\)\.$/);
    expect(await upstreamCalls(account, "POST /transactions")).toBe(before + 1);
    await expect(page.getByTestId("customer-transaction").first()).toContainText("$42.00");
    await expect(page.getByTestId("money-attempt").first()).toHaveAttribute("data-status", "succeeded");
  });
});
