import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";
import { storageStatePath } from "../fixtures/users";
import {
  captureActionPosts,
  clearFaults,
  createMoneyAccount,
  injectFault,
  makeSale,
  openAction,
  openTransaction,
  transactionPath,
  upstreamCalls,
  type MoneyAccount,
} from "./helpers";

let account: MoneyAccount;

test.use({ storageState: storageStatePath("manager") });

test.describe("refunds", () => {
  test.beforeAll(async ({ browser }) => {
    account = await createMoneyAccount(browser, "Refunds");
  });

  test("a manager refunds part of a sale with a reason, and sees the refund row and the new remaining amount", async ({ page }) => {
    const key = await makeSale(account, "50.00");
    await openTransaction(page, account, key);
    await expect(page.getByTestId("position-remaining")).toHaveText("$50.00");
    await expect(page.getByTestId("actions-source")).toHaveAttribute("data-offered-by", "gateway");

    const form = await openAction(page, "refund");
    await form.getByLabel("Amount to refund ($)").fill("12.50");
    await form.getByLabel("Note (required for Other)").fill("Returned one item");
    await page.getByTestId("refund-form-review").click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Refund $12.50?");
    await expect(dialog.getByTestId("confirm-facts")).toContainText("Visa ••••2224");
    await expect(dialog.getByTestId("confirm-facts")).toContainText("Erin Example");
    await expect(dialog.getByTestId("confirm-facts")).toContainText("Customer asked for it — Returned one item");
    const before = await upstreamCalls(account, "POST /transactions");
    await dialog.getByRole("button", { name: "Refund $12.50" }).click();

    await expect(page.getByTestId("refund-form-result")).toHaveText(/^Refunded \$12\.50 \(reference \d+\)\.$/);
    expect(await upstreamCalls(account, "POST /transactions")).toBe(before + 1);
    await expect(page.getByTestId("position-refunded")).toHaveText("$12.50");
    await expect(page.getByTestId("position-remaining")).toHaveText("$37.50");
    await expect(page.getByTestId("linked-refunds")).toContainText("−$12.50");
    await expect(page.getByTestId("money-attempt").first()).toContainText("Returned one item");

    // The refund row is in the table at once: typed as a refund, negative.
    await page.goto(`/m/${account.slug}/transactions?type=refund`);
    const row = page.getByTestId("transaction-row").first();
    await expect(row).toContainText("Refund");
    await expect(row.locator("td:last-child")).toHaveText("-$12.50");
    await expect(page.getByTestId("totals-refunds")).toHaveText("-$12.50");

    // A refund above what is left is refused in the form and by the server.
    await openTransaction(page, account, key);
    const again = await openAction(page, "refund");
    await again.getByLabel("Amount to refund ($)").fill("40");
    await page.getByTestId("refund-form-review").click();
    await expect(page.getByTestId("refund-form-problem")).toHaveText("That is more than the $37.50 still refundable.");
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
  });

  test("a viewer sees no action, and a viewer's replay of a manager's refund post is refused", async ({ browser, baseURL }) => {
    const key = await makeSale(account, "20.00");
    const manager = await asRole(browser, "manager");
    await openTransaction(manager.page, account, key);
    const { captured, ready } = captureActionPosts(manager.page, transactionPath(account, key), { abort: true });
    await ready;
    const form = await openAction(manager.page, "refund");
    await form.getByLabel("Amount to refund ($)").fill("5");
    await manager.page.getByTestId("refund-form-review").click();
    await manager.page.getByRole("alertdialog").getByRole("button", { name: "Refund $5.00" }).click();
    await expect.poll(() => captured.length).toBe(1);
    await manager.context.close();

    const viewer = await asRole(browser, "viewer");
    await openTransaction(viewer.page, account, key);
    await expect(viewer.page.getByTestId("position-remaining")).toHaveText("$20.00");
    await expect(viewer.page.getByTestId("transaction-actions")).toHaveCount(0);
    await expect(viewer.page.getByTestId("no-actions")).toHaveText("Your role cannot move money on this transaction.");

    const before = await upstreamCalls(account, "POST /transactions");
    const replay = await viewer.context.request.post(`${baseURL}${transactionPath(account, key)}`, {
      headers: { "next-action": captured[0]!.action, "content-type": captured[0]!.contentType, accept: "text/x-component", origin: baseURL! },
      data: captured[0]!.body,
    });
    expect(await replay.text()).toContain("You are not allowed to do this.");
    expect(await upstreamCalls(account, "POST /transactions")).toBe(before);
    await viewer.context.close();
  });

  test("a double click, and two concurrent posts of one form, make exactly one upstream call", async ({ page, context, baseURL }) => {
    const key = await makeSale(account, "30.00");
    await openTransaction(page, account, key);
    const { captured, ready } = captureActionPosts(page, transactionPath(account, key));
    await ready;
    const form = await openAction(page, "refund");
    await form.getByLabel("Amount to refund ($)").fill("7.25");
    const before = await upstreamCalls(account, "POST /transactions");
    // Two submits of the same form as fast as a double click can make them.
    await form.evaluate((element: HTMLFormElement) => {
      element.requestSubmit();
      element.requestSubmit();
    });
    await expect(page.getByTestId("refund-form-result")).toContainText("Refunded $7.25");
    await expect.poll(() => captured.length).toBeGreaterThanOrEqual(1);

    // And the same post twice at once, as two tabs or a replaying proxy would send it.
    const post = () =>
      context.request.post(`${baseURL}${transactionPath(account, key)}`, {
        headers: { "next-action": captured[0]!.action, "content-type": captured[0]!.contentType, accept: "text/x-component", origin: baseURL! },
        data: captured[0]!.body,
      });
    const answers = await Promise.all([post(), post()]);
    for (const answer of answers) expect(await answer.text()).toContain("This form was already sent, so nothing was sent again");

    expect(await upstreamCalls(account, "POST /transactions")).toBe(before + 1);
    await page.reload();
    await expect(page.getByTestId("position-refunded")).toHaveText("$7.25");
    await expect(page.getByTestId("linked-refunds").locator("li")).toHaveCount(1);
  });

  test("a refund whose answer never comes shows the unknown outcome, and a check of the sale's refunds settles it", async ({ page }) => {
    test.setTimeout(90_000);
    const key = await makeSale(account, "40.00");
    await openTransaction(page, account, key);
    const form = await openAction(page, "refund");
    await form.getByLabel("Amount to refund ($)").fill("15");
    // USAePay acts on the refund, then holds its answer past the app's timeout (USAEPAY_MONEY_TIMEOUT_SECONDS).
    await injectFault({ kind: "timeout_after_processing", method: "POST", path: "/api/*/transactions", count: 1, holdMs: 60_000 });
    try {
      await page.getByTestId("refund-form-review").click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Refund $15.00" }).click();
      // The page re-renders with the attempt blocking the sale (the form is gone; a toast says it too).
      await expect(page.getByTestId("money-blocking")).toBeVisible({ timeout: 30_000 });
    } finally {
      await clearFaults();
    }
    await expect(page.locator("[data-sonner-toast]")).toContainText("whether this went through is not known yet");
    await page.reload();
    const blocking = page.getByTestId("money-blocking");
    await expect(blocking).toContainText("Outcome unknown");
    await expect(blocking).toHaveAttribute("data-status", "unknown");
    await expect(page.getByTestId("transaction-actions")).toHaveCount(0);

    const before = await upstreamCalls(account, "POST /transactions");
    await page.getByRole("button", { name: "Check the outcome" }).click();
    await expect(page.locator("[data-sonner-toast]")).toContainText("Checked with the payment service: Refunded $15.00");
    expect(await upstreamCalls(account, "POST /transactions")).toBe(before);
    await page.reload();
    await expect(page.getByTestId("money-blocking")).toHaveCount(0);
    await expect(page.getByTestId("position-remaining")).toHaveText("$25.00");
    await expect(page.getByTestId("money-attempt").first()).toHaveAttribute("data-status", "succeeded");
  });

  test("a transaction's receipt shows in a sandboxed frame that loads nothing, and can be emailed", async ({ page }) => {
    const key = await makeSale(account, "9.99");
    await openTransaction(page, account, key);
    await page.getByTestId("receipt-link").click();
    const frame = page.getByTestId("receipt-frame");
    await expect(frame).toHaveAttribute("sandbox", "allow-same-origin allow-modals");
    expect(await frame.getAttribute("srcdoc")).toContain("Content-Security-Policy");
    await expect(page.frameLocator('[data-testid="receipt-frame"]').locator("body")).toContainText("9.99");
    await expect(page.getByTestId("receipt-print")).toBeVisible();

    await page.getByLabel("Email the receipt to").fill("erin@example.com");
    await page.getByRole("button", { name: "Email receipt" }).click();
    await expect(page.getByTestId("email-receipt-result")).toHaveText("USAePay is emailing the receipt to erin@example.com.");
  });
});
