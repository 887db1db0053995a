import { expect, test } from "../fixtures/test";
import { cents } from "../tables/helpers";
import { actionHeaders, asRole, captureActionPost, clientpayCall, control, counter, freshAccessId, openFilledPayments, payOutsidePaydesk, PAYMENTS } from "./helpers";

let accessId: string;

test.describe("ClientPay payments", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(240_000);
    accessId = await freshAccessId(browser);
    const { context, page } = await asRole(browser, "manager");
    await openFilledPayments(page);
    await context.close();
  });

  test("filters, search, sort and paging, with totals of the filtered set", async ({ browser }) => {
    const { context, page } = await asRole(browser, "manager");
    await openFilledPayments(page);
    await expect(page.getByTestId("pagination-summary")).toHaveText(/^1–25 of 3,\d{3}$/);

    await page.getByTestId("filter-status").selectOption("Refunded");
    await page.getByTestId("filter-method").selectOption("card");
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(/status=Refunded&method=card/);
    const refundedCount = (await clientpayCall("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 5, operator: 1, value: "Refunded" } }, { criteria: { field: 7, operator: 1, value: "0" } }] } }, accessId)).count;
    await expect(page.getByTestId("total-count")).toHaveText(refundedCount.toLocaleString("en-US"));
    for (const row of await page.getByTestId("payment-row").all()) await expect(row).toHaveAttribute("data-status", "Refunded");
    // Refunded in full: what was refunded equals what was collected, so nothing is net.
    await expect(page.getByTestId("total-net")).toHaveText("$0.00");

    await page.goto(`${PAYMENTS}?sort=amount&dir=asc&min=100&max=250&pageSize=10`);
    const amounts = (await page.getByTestId("payment-row").locator("td:last-child > span > span:first-child").allInnerTexts()).map(cents);
    expect(amounts.length).toBe(10);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    expect(amounts.every((amount) => amount >= 10_000 && amount <= 25_000)).toBe(true);
    await page.getByTestId("page-next").click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("page-indicator")).toContainText("Page 2 of");
    const second = (await page.getByTestId("payment-row").locator("td:last-child > span > span:first-child").allInnerTexts()).map(cents);
    expect(second[0]).toBeGreaterThanOrEqual(amounts.at(-1)!);

    const payer = (await page.getByTestId("payment-row").first().locator("td").nth(2).locator("span span").first().innerText()).trim();
    const surname = payer.split(" ").at(-1)!;
    await page.goto(PAYMENTS);
    await page.getByTestId("filter-q").fill(surname);
    await page.getByTestId("filter-apply").click();
    await expect(page).toHaveURL(new RegExp(`q=${surname}`));
    await expect(page.getByTestId("payment-row").first()).toContainText(surname);
    // Tolerant URL state: junk falls back to defaults instead of an error page.
    await page.goto(`${PAYMENTS}?status=nope&min=abc&page=-4&sort=evil`);
    await expect(page.getByTestId("pagination-summary")).toHaveText(/^1–25 of 3,\d{3}$/);
    await context.close();
  });

  test("a manager voids an unsettled payment and refunds a settled one, told which before confirming", async ({ browser }) => {
    const unsettled = await payOutsidePaydesk(accessId, 64.5, "Vera Void");
    const settled = await payOutsidePaydesk(accessId, 120, "Rafael Refund");
    await control("POST", "settle", { paymentId: settled });
    const { context, page } = await asRole(browser, "manager");

    await page.goto(`${PAYMENTS}/${unsettled}`);
    await expect(page.getByTestId("detail-fresh")).toContainText("Up to date with ClientPay");
    await expect(page.getByTestId("detail-settled")).toHaveText("Not settled yet");
    await expect(page.getByTestId("refund-explanation")).toContainText("has not settled yet, so ClientPay will void it");
    await page.getByRole("button", { name: "Void payment" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("will void it");
    await page.getByRole("button", { name: "Void now" }).click();
    await expect(page.getByTestId("refund-toast")).toContainText("Voided: ClientPay will not collect the $64.50.");
    await expect(page.getByTestId("money-attempt").first()).toContainText("Voided: ClientPay will not collect the $64.50.");
    await page.reload();
    await expect(page.getByTestId("detail-status")).toHaveText("Voided");
    await expect(page.getByTestId("refund-unavailable")).toHaveText("This payment was already voided.");

    await page.goto(`${PAYMENTS}/${settled}`);
    await expect(page.getByTestId("refund-explanation")).toContainText("has settled, so ClientPay will refund $120.00");
    await page.getByLabel("Refund note (optional)").fill("Duplicate payment");
    await page.getByRole("button", { name: "Refund $120.00" }).click();
    await page.getByRole("button", { name: "Refund now" }).click();
    await expect(page.getByTestId("refund-toast")).toContainText(/Refunded \$120\.00 \(refund \d+\)\./);
    await page.reload();
    await expect(page.getByTestId("detail-status")).toHaveText("Refunded");
    await expect(page.getByTestId("payment-refunds")).toContainText("“Duplicate payment”");
    // The refund's request ID (ClientPay's record of it) never reaches the page.
    const upstream = await control("GET", `payments/${settled}`);
    expect(upstream.refunds[0].requestID).toMatch(/-/);
    expect(await page.content()).not.toContain(upstream.refunds[0].requestID);
    expect(await page.content()).not.toContain(upstream.requestID);
    // The table shows both at once.
    await page.goto(`${PAYMENTS}?q=vera+void`);
    await expect(page.getByTestId("payment-row").first()).toHaveAttribute("data-status", "Voided");
    await context.close();
  });

  test("a viewer sees no actions, and a replayed refund post is refused (no second call)", async ({ browser, baseURL }) => {
    const paymentId = await payOutsidePaydesk(accessId, 33, "Rita Replay");
    const manager = await asRole(browser, "manager");
    await manager.page.goto(`${PAYMENTS}/${paymentId}`);
    const captured = await captureActionPost(manager.page, `${PAYMENTS}/${paymentId}`, async () => {
      await manager.page.getByRole("button", { name: "Void payment" }).click();
      await manager.page.getByRole("button", { name: "Void now" }).click();
    });

    const viewer = await asRole(browser, "viewer");
    await viewer.page.goto(`${PAYMENTS}/${paymentId}`);
    await expect(viewer.page.getByTestId("payment-detail")).toBeVisible();
    await expect(viewer.page.getByTestId("refund-form")).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: /Void|Refund/ })).toHaveCount(0);
    const before = await counter("payment/refund");
    const byViewer = await viewer.context.request.post(`${baseURL}${PAYMENTS}/${paymentId}`, { headers: actionHeaders(captured, baseURL!), data: captured.body });
    expect(await byViewer.text()).toContain("You are not allowed to do this.");
    expect(await counter("payment/refund")).toBe(before);

    // The manager's own post, sent twice: one void, and the replay gets the first answer.
    const first = await manager.context.request.post(`${baseURL}${PAYMENTS}/${paymentId}`, { headers: actionHeaders(captured, baseURL!), data: captured.body });
    expect(await first.text()).toContain("Voided");
    const replay = await manager.context.request.post(`${baseURL}${PAYMENTS}/${paymentId}`, { headers: actionHeaders(captured, baseURL!), data: captured.body });
    expect(await replay.text()).toContain("This form was already submitted, so nothing was sent again.");
    expect(await counter("payment/refund")).toBe(before + 1);
    await viewer.context.close();
    await manager.context.close();
  });

  test("the demo manager cannot see the Trust account's payments", async ({ browser }) => {
    const trustId = await freshAccessId(browser, "trust");
    const trustPayment = await payOutsidePaydesk(trustId, 10, "Tess Trust");
    const { context, page } = await asRole(browser, "manager");
    expect((await page.goto("/m/harbor-law-trust/payments"))?.status()).toBe(404);
    expect((await page.goto(`/m/harbor-law-trust/payments/${trustPayment}`))?.status()).toBe(404);
    // Nor through the account they may see: ClientPay, asked with Operating's access ID, has no such payment.
    expect((await page.goto(`${PAYMENTS}/${trustPayment}`))?.status()).toBe(404);
    await context.close();
  });
});
