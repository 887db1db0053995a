import { expect, test } from "../fixtures/test";
import { asRole, control, counter, freshAccessId, PAYERS } from "./helpers";

test.describe("payers", () => {
  test.beforeAll(async ({ browser }) => {
    await freshAccessId(browser);
  });

  test("an admin adds a payer, the payer saves a card on ClientPay's page, a manager charges it, and an admin deletes the payer", async ({ browser }) => {
    const surname = `Payer${Date.now()}`;
    const admin = await asRole(browser, "admin");
    await admin.page.goto(PAYERS);
    await admin.page.getByLabel("First name").fill("Noor");
    await admin.page.getByLabel("Last name").fill(surname);
    await admin.page.getByLabel("Email").fill("noor@example.com");
    await admin.page.getByRole("button", { name: "Add payer" }).click();
    await expect(admin.page.getByRole("heading", { name: `Noor ${surname}` })).toBeVisible();
    const payerUrl = admin.page.url();
    await expect(admin.page.getByTestId("payer-no-methods")).toBeVisible();

    await admin.page.getByRole("button", { name: "New payer page (add a method)" }).click();
    await expect(admin.page.getByTestId("payer-page-message")).toContainText("Payer page created");
    const link = await admin.page.getByTestId("payer-page-url").first().inputValue();
    expect(link).toMatch(/#\/payerPage\/[\w-]+$/);
    // The card is typed on ClientPay's page (played by the control plane), never in Paydesk.
    await control("POST", `pages/${link.split("/").at(-1)}/submit`, { cardNumber: "5454545454545454" });
    await admin.page.reload();
    await expect(admin.page.getByTestId("payer-method")).toContainText("••••5454");
    await expect(admin.page.getByTestId("payer-page").first()).toHaveAttribute("data-status", "completed");

    const manager = await asRole(browser, "manager");
    await manager.page.goto(payerUrl);
    await expect(manager.page.getByRole("button", { name: "Delete payer" })).toHaveCount(0);
    await expect(manager.page.getByRole("button", { name: "New payer page (add a method)" })).toHaveCount(0);
    const charges = await counter("payment");
    await manager.page.getByLabel("Amount ($)").fill("19.99");
    await manager.page.getByRole("button", { name: "Charge", exact: true }).click();
    await expect(manager.page.getByRole("alertdialog")).toContainText("$19.99");
    await manager.page.getByRole("button", { name: "Charge now" }).click();
    await expect(manager.page.getByTestId("charge-message")).toContainText(/^Charged \$19\.99 \(payment \d+\)\.$/);
    expect(await counter("payment")).toBe(charges + 1);
    await manager.page.reload();
    await expect(manager.page.getByTestId("payer-payments")).toContainText("$19.99");
    await manager.context.close();

    await admin.page.reload();
    await admin.page.getByRole("button", { name: "Delete payer" }).click();
    await admin.page.getByRole("button", { name: "Delete payer" }).last().click();
    await expect(admin.page.getByTestId("payer-deleted")).toBeVisible();
    await admin.page.getByTestId("payer-search").fill(surname);
    await admin.page.getByRole("button", { name: "Search" }).click();
    await expect(admin.page.getByTestId("table-empty")).toHaveText("No payers match.");
    await admin.context.close();
  });
});
