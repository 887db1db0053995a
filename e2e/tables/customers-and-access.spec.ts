import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";
import { gotoTable, openFilledTable } from "./helpers";

test.describe("customers table and detail", () => {
  test.setTimeout(120_000);

  test("search finds a customer whose detail shows masked payment methods and their transactions", async ({ browser }) => {
    const { page, context } = await asRole(browser, "viewer");
    await openFilledTable(page, "/m/harbor-law-operating/customers", "customer-row");
    await gotoTable(page, "/m/harbor-law-operating/customers");
    const name = (await page.getByTestId("customer-row").first().getByTestId("customer-link").innerText()).trim();
    await page.getByTestId("filter-q").fill(name);
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(/q=/);
    const links = page.getByTestId("customer-row").getByTestId("customer-link");
    await expect(links.first()).toHaveText(name);

    await links.first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByTestId("detail-fresh")).toBeVisible();
    await expect(page.getByTestId("payment-method").first()).toContainText(/ending \d{4}/);
    await expect(page.locator("body")).not.toContainText(/\b\d{13,19}\b/);
    await expect(page.getByTestId("customer-transactions").or(page.getByTestId("customer-transactions-empty"))).toBeVisible();
    await context.close();
  });
});

test.describe("account isolation", () => {
  test.setTimeout(120_000);

  test("a viewer of one account cannot see another account's rows, detail or progress", async ({ browser }) => {
    const admin = await asRole(browser, "admin");
    await openFilledTable(admin.page, "/m/harbor-law-trust/transactions", "transaction-row");
    const trustHref = await admin.page.getByTestId("transaction-link").first().getAttribute("href");
    const trustKey = trustHref!.split("/").pop()!;
    await admin.context.close();

    const { page, context } = await asRole(browser, "viewer");
    expect((await page.goto("/m/harbor-law-trust/transactions"))?.status()).toBe(404);
    expect((await page.goto(`/m/harbor-law-trust/transactions/${trustKey}`))?.status()).toBe(404);
    expect((await page.goto("/m/harbor-law-trust/customers"))?.status()).toBe(404);
    expect((await page.request.get("/api/m/harbor-law-trust/sync")).status()).toBe(404);
    // The other account's key under the viewer's own account: not found there either.
    expect((await page.goto(`/m/harbor-law-operating/transactions/${trustKey}`))?.status()).toBe(404);
    await context.close();
  });
});
