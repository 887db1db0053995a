import { expect, test } from "../fixtures/test";
import { asRole, control, counter, freshAccessId, REQUESTS } from "./helpers";

test.describe("payment requests", () => {
  test.beforeAll(async ({ browser }) => {
    await freshAccessId(browser);
  });

  test("a manager requests a payment, the client pays on ClientPay's page, and the request shows paid and linked", async ({ browser }) => {
    const invoice = `INV-E2E-${Date.now()}`;
    const { context, page } = await asRole(browser, "manager");
    await page.goto(REQUESTS);
    await page.getByTestId("new-request").click();
    await expect(page).toHaveURL(`${REQUESTS}/new`);

    // Bad input first: clear messages, nothing sent, nothing typed lost.
    const pages = await counter("paymentpage/invoice");
    await page.getByLabel("Payer name").fill("Priya Postback");
    await page.getByLabel("Payer email").fill("not-an-email");
    await page.getByLabel("Invoice number").fill(invoice);
    await page.getByLabel("Amount due ($)").fill("abc");
    await page.getByRole("button", { name: "Create payment request" }).click();
    await expect(page.getByTestId("request-form-message")).toHaveText("Check the highlighted fields.");
    await expect(page.getByTestId("payer-email-error")).toBeVisible();
    await expect(page.getByTestId("invoice0-amount-error")).toHaveText("Enter an amount like 125.00.");
    await expect(page.getByLabel("Payer name")).toHaveValue("Priya Postback");
    expect(await counter("paymentpage/invoice")).toBe(pages);

    await page.getByLabel("Payer email").fill("priya@example.com");
    await page.getByLabel("Amount due ($)").fill("310.25");
    await page.getByRole("button", { name: "Add another invoice" }).click();
    await page.getByLabel("Invoice number").nth(1).fill(`${invoice}-B`);
    await page.getByLabel("Amount due ($)").nth(1).fill("89.75");
    await page.getByLabel("Note to the client (optional)").fill("For March work");
    await page.getByRole("button", { name: "Create payment request" }).click();

    await expect(page).toHaveURL(new RegExp(`${REQUESTS}/(?!new$)[\\w-]+$`));
    const requestUrl = page.url();
    await expect(page.getByTestId("request-status")).toHaveText("Open");
    await expect(page.getByTestId("request-amount")).toHaveText("$400.00");
    const hosted = await page.getByTestId("hosted-url").inputValue();
    expect(hosted).toMatch(/\/app\/api\/#\/invoicePaymentPage\/[\w-]+$/);
    await expect(page.getByTestId("email-link")).toHaveAttribute("href", /^mailto:priya%40example\.com\?subject=/);
    expect(await counter("paymentpage/invoice")).toBe(pages + 1);

    // The client pays on the hosted page (the emulator's control plane plays them); ClientPay posts back.
    const pageId = hosted.split("/").at(-1)!;
    const paid = await control("POST", `pages/${pageId}/pay`, { payerName: "Priya Postback", payerEmail: "priya@example.com" });
    expect(paid.paymentStatus).toBe("Approved");
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("request-status")).toHaveText("Paid", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId("request-payment-link")).toContainText(`Payment ${paid.paymentID} · $400.00 · Approved`);
    const deliveries = (await control("GET", "postbacks")).postbacks.filter((delivery: { pageRequestId: string }) => delivery.pageRequestId === pageId);
    expect(deliveries.map((delivery: { state: string; attempts: Array<{ status: number }> }) => [delivery.state, delivery.attempts[0]!.status])).toEqual([
      ["delivered", 200],
      ["delivered", 200],
    ]);

    await page.getByTestId("request-payment-link").click();
    await expect(page.getByTestId("detail-invoices")).toHaveText(`${invoice}, ${invoice}-B`);
    await expect(page.getByTestId("detail-request-link")).toHaveText("Paid on a payment request (paid)");
    await page.getByTestId("detail-request-link").click();
    await expect(page).toHaveURL(requestUrl);

    await page.goto(`${REQUESTS}?status=paid&q=${invoice}`);
    await expect(page.getByTestId("request-row")).toHaveCount(1);
    await expect(page.getByTestId("request-row")).toHaveAttribute("data-status", "paid");
    await context.close();
  });

  test("a manager expires an open request; a viewer sees the request but no actions", async ({ browser }) => {
    const invoice = `INV-EXP-${Date.now()}`;
    const { context, page } = await asRole(browser, "manager");
    await page.goto(`${REQUESTS}/new`);
    await page.getByLabel("Payer name").fill("Otto Open");
    await page.getByLabel("Payer email").fill("otto@example.com");
    await page.getByLabel("Invoice number").fill(invoice);
    await page.getByLabel("Amount due ($)").fill("75");
    await page.getByRole("button", { name: "Create payment request" }).click();
    await expect(page).toHaveURL(new RegExp(`${REQUESTS}/(?!new$)[\\w-]+$`));
    await expect(page.getByTestId("request-status")).toHaveText("Open");
    const requestUrl = page.url();
    const pageId = (await page.getByTestId("hosted-url").inputValue()).split("/").at(-1)!;

    const viewer = await asRole(browser, "viewer");
    await viewer.page.goto(requestUrl);
    await expect(viewer.page.getByTestId("request-status")).toHaveText("Open");
    await expect(viewer.page.getByRole("button", { name: "Expire link" })).toHaveCount(0);
    await viewer.page.goto(REQUESTS);
    await expect(viewer.page.getByTestId("new-request")).toHaveCount(0);
    await viewer.context.close();

    await page.getByRole("button", { name: "Expire link" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("can no longer pay on it");
    await page.getByRole("button", { name: "Expire now" }).click();
    await expect(page.getByTestId("request-expire-message")).toContainText("The link was expired: the client can no longer pay on it.");
    await page.reload();
    await expect(page.getByTestId("request-status")).toHaveText("Expired");
    expect((await control("GET", `pages/${pageId}`)).status).toBe("Expired");
    await context.close();
  });
});
