import { beforeEach, describe, expect, it } from "vitest";
import { emulatorHarness, type EmulatorHarness, type WireJson } from "./testing";

// The invoice example as printed in ClientPay's documentation.
const DOC_INVOICE = {
  editable: true, invoiceNumber: "12345", invoiceDate: "2019-10-15", dueDate: "2019-11-15",
  subtotalAmount: 1000, discountAmount: 0, tax: 100, outstandingBalance: 1100,
  paymentAmount: 1100, clientID: "123", clientName: "Jones Industries", pdfLink: "https://linktopdf.com/1765923874",
};
const DOC_LINE_ITEMS = [{ paymentAmount: 600, editable: true, itemId: "12345", itemName: "Hourly Professional Services", itemDescription: "Standard Hourly Rate" }];
const DOC_LABELS = { itemIdLabel: "Account Number", itemNameLabel: "Service Rendered", itemDescriptionLabel: "Description" };

describe("ClientPay emulator: hosted pages (docs/clientpay-api.md, Hosted pages)", () => {
  let h: EmulatorHarness;
  let accessId: string;
  beforeEach(async () => {
    h = emulatorHarness();
    accessId = await h.newAccessId();
  });

  const pageOf = (requestId: string) => h.control("GET", `pages/${requestId}`).then((answer) => answer.body);

  it("creates an invoice page whose id and URL are the request id (and a reuse of the request id is refused)", async () => {
    const requestId = await h.newRequestId(accessId);
    const created = await h.v2("paymentpage/invoice", { token: { requestId }, invoices: [DOC_INVOICE] }, { accessId });
    expect(created).toEqual({
      status: 200,
      body: {
        success: true,
        requestId,
        paymentPageUrl: `https://app.sandbox.clientpay.com/app/api/#/invoicePaymentPage/${requestId}`,
      },
    });
    expect((await pageOf(requestId)).amount).toBe(1100);
    const again = await h.v2("paymentpage/invoice", { token: { requestId }, invoices: [DOC_INVOICE] }, { accessId });
    expect(again.status).toBe(400);
  });

  it("defaults paymentAmount to outstandingBalance and refuses an amount above it", async () => {
    const { paymentAmount: _omitted, ...noAmount } = DOC_INVOICE;
    const created = await h.withToken("paymentpage/invoice", accessId, { invoices: [{ ...noAmount, outstandingBalance: 250.5 }] });
    expect((await pageOf(created.body.requestId)).amount).toBe(250.5);
    const tooMuch = await h.withToken("paymentpage/invoice", accessId, { invoices: [{ ...DOC_INVOICE, paymentAmount: 1100.01 }] });
    expect(tooMuch.status).toBe(400);
  });

  it("requires outstandingBalance, invoiceNumber, a valid invoiceDate and a non-empty invoices list", async () => {
    const { outstandingBalance: _balance, ...noBalance } = DOC_INVOICE;
    expect((await h.withToken("paymentpage/invoice", accessId, { invoices: [noBalance] })).status).toBe(400);
    expect((await h.withToken("paymentpage/invoice", accessId, { invoices: [{ ...DOC_INVOICE, invoiceNumber: "" }] })).status).toBe(400);
    expect((await h.withToken("paymentpage/invoice", accessId, { invoices: [{ ...DOC_INVOICE, invoiceDate: "15.10.2019" }] })).status).toBe(400);
    expect((await h.withToken("paymentpage/invoice", accessId, { invoices: [{ ...DOC_INVOICE, invoiceDate: "10/15/2019" }] })).status).toBe(200);
    expect((await h.withToken("paymentpage/invoice", accessId, { invoices: [] })).status).toBe(400);
  });

  it("clamps pageOptions.duration to 900..31540000 and defaults it to the maximum", async () => {
    const durations: Array<[number | undefined, number]> = [[0, 900], [undefined, 31_540_000], [99_999_999, 31_540_000], [3600, 3600]];
    for (const [duration, expected] of durations) {
      const pageOptions = duration === undefined ? { headerText: "x" } : { duration, subheaderText: "accepted spelling" };
      const created = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE], pageOptions });
      expect((await pageOf(created.body.requestId)).durationSeconds).toBe(expected);
    }
  });

  it("refuses a billingAddress state that is not a US/Canada code", async () => {
    const bad = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE], billingAddress: { state: "XX" } });
    expect(bad.status).toBe(400);
    const good = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE], billingAddress: { state: "LA", zipCode: "abc" } });
    expect(good.status).toBe(200);
  });

  it("resolves payerOrPaymentMethodId and answers 404 for an unknown one", async () => {
    const unknown = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE], payerOrPaymentMethodId: "nope" });
    expect(unknown.status).toBe(404);
    const payerId = (await h.withToken("payer", accessId, { payer: { firstName: "Jack" } })).body.payerId;
    await h.withToken("payer/paymentmethods", accessId, { payerId, paymentMethods: [{ creditCard: { cardholderName: "J", cardNumber: "4111111111111111", expirationDateMonth: 1, expirationDateYear: 2099 } }] });
    const known = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE], payerOrPaymentMethodId: payerId });
    expect(known.status).toBe(200);
    expect((await pageOf(known.body.requestId)).payerId).toBe(payerId);
  });

  it("creates a line-item page (labels are required) with the line total as amount", async () => {
    const created = await h.withToken("paymentpage/lineitem", accessId, { lineItems: DOC_LINE_ITEMS, lineItemTableLabels: DOC_LABELS });
    expect(created.status).toBe(200);
    expect(created.body.paymentPageUrl).toContain(`/lineItemPaymentPage/${created.body.requestId}`);
    expect((await pageOf(created.body.requestId)).amount).toBe(600);
    expect((await h.withToken("paymentpage/lineitem", accessId, { lineItems: DOC_LINE_ITEMS })).status).toBe(400);
    expect((await h.withToken("paymentpage/lineitem", accessId, { lineItems: [], lineItemTableLabels: {} })).status).toBe(400);
  });

  it("creates a connect page and refuses a connectOption outside 1-4", async () => {
    const invoice = { invoiceNumber: "5001", invoiceDate: "2026-01-02", outstandingBalance: 50, matterNumber: "M-2001", isMultiPay: "N" };
    const created = await h.withToken("connect/paymentpage", accessId, { connectOption: 1, invoices: [invoice] });
    expect(created.status).toBe(200);
    expect(created.body.paymentPageUrl).toContain(`/connectPaymentPage/${created.body.requestId}`);
    expect((await h.withToken("connect/paymentpage", accessId, { connectOption: 5, invoices: [invoice] })).status).toBe(400);
    expect((await h.withToken("connect/paymentpage", accessId, { invoices: [invoice] })).status).toBe(400);
  });

  it("creates a payer page, for a new payer or an existing one (404 when unknown)", async () => {
    const created = await h.withToken("payer/payerpage", accessId, { acceptMultipleMethods: false });
    expect(created.body).toEqual({
      success: true,
      requestId: created.body.requestId,
      payerPageUrl: `https://app.sandbox.clientpay.com/app/api/#/payerPage/${created.body.requestId}`,
    });
    expect((await h.withToken("payer/payerpage", accessId, { payerId: "missing" })).status).toBe(404);
  });

  it("a submitted payer page saves a payer with a primary card and posts the payerId back", async () => {
    const postbacks: WireJson[] = [];
    h = emulatorHarness({ postback: async (_url, body) => void postbacks.push(body) });
    accessId = await h.newAccessId();
    const created = await h.withToken("payer/payerpage", accessId, { responseOptions: { serverSideReturnAddress: "https://example.test/hook" } });
    const submitted = await h.control("POST", `pages/${created.body.requestId}/submit`, { firstName: "Ada" });
    expect(submitted.body).toEqual({
      success: true,
      requestID: created.body.requestId,
      payerId: expect.any(String),
      paymentMethods: [expect.objectContaining({ isPrimary: true, type: "card", last4: "1111" })],
    });
    expect(postbacks).toEqual([submitted.body]);
    const charged = await h.withToken("payment", accessId, { totalAmount: 5, payerOrPaymentMethodId: submitted.body.payerId });
    expect(charged.body.paymentStatus).toBe("Approved");
    expect((await h.control("POST", `pages/${created.body.requestId}/submit`, {})).status).toBe(400);
  });

  it("Expire Payment Page takes the page's requestId at top level, needs no token, and 404s unknown pages", async () => {
    const created = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE] });
    const requestId = created.body.requestId;
    const countBefore = h.emulator.store.requestIds.size;
    expect(await h.v2("expirepage", { requestId }, { accessId })).toEqual({ status: 200, body: { success: true } });
    expect(h.emulator.store.requestIds.size).toBe(countBefore);
    expect((await pageOf(requestId)).status).toBe("Expired");
    expect((await h.v2("expirepage", { requestId: "unknown" }, { accessId })).status).toBe(404);
    expect((await h.v2("expirepage", {}, { accessId })).status).toBe(400);
    expect((await h.v2("expirepage", { requestId })).status).toBe(401);
  });

  it("a page ages into Expired after its duration and can then no longer be paid", async () => {
    let clock = new Date("2026-03-01T12:00:00Z");
    h = emulatorHarness({ now: () => clock });
    accessId = await h.newAccessId();
    const created = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE], pageOptions: { duration: 900 } });
    const requestId = created.body.requestId;
    clock = new Date(clock.getTime() + 899_000);
    expect((await pageOf(requestId)).status).toBe("Active");
    clock = new Date(clock.getTime() + 2_000);
    expect((await pageOf(requestId)).status).toBe("Expired");
    const paid = await h.control("POST", `pages/${requestId}/pay`, {});
    expect(paid.status).toBe(400);
    expect(paid.body.message).toMatch(/expired/);
  });

  it("a page belongs to its account: another account cannot expire it", async () => {
    const created = await h.withToken("paymentpage/invoice", accessId, { invoices: [DOC_INVOICE] });
    const trust = await h.newAccessId({ integratorKey: "paydesk-sandbox-integrator", accountKey: "sandbox-trust", accountPin: "2222" });
    expect((await h.v2("expirepage", { requestId: created.body.requestId }, { accessId: trust })).status).toBe(404);
  });

  it("simulated payment on a page completes it once and sends both postbacks (docs/clientpay-api.md, Postbacks)", async () => {
    const postbacks: Array<{ url: string; body: WireJson }> = [];
    h = emulatorHarness({ postback: async (url, body) => void postbacks.push({ url, body }) });
    accessId = await h.newAccessId();
    const created = await h.withToken("paymentpage/invoice", accessId, {
      invoices: [{ ...DOC_INVOICE, paymentAmount: 2200, outstandingBalance: 2200 }],
      responseOptions: { serverSideReturnAddress: "https://www.yourdomain.com/endpointlisteningforpostback" },
    });
    const requestId = created.body.requestId;
    const paid = await h.control("POST", `pages/${requestId}/pay`, {});
    expect(paid.body).toMatchObject({ success: true, requestID: requestId, paymentStatus: "Approved", paymentPageUrlStatus: "Completed", paymentAmount: 2200 });
    expect(paid.body.paymentID).toMatch(/^\d+$/);
    expect(postbacks.map((entry) => entry.body.status ?? entry.body.paymentStatus)).toEqual(["Processing", "Approved"]);
    expect(postbacks[0]).toEqual({ url: "https://www.yourdomain.com/endpointlisteningforpostback", body: { requestID: requestId, status: "Processing", paymentID: "", success: true } });
    expect((await h.control("POST", `pages/${requestId}/pay`, {})).status).toBe(400);
  });
});
