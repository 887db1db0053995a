import { beforeEach, describe, expect, it } from "vitest";
import { emulatorHarness, VALID_CARD, type EmulatorHarness, type WireJson } from "./testing";

const INVOICE = { invoiceNumber: "INV-77", invoiceDate: "2026-02-01", dueDate: "2026-03-01", outstandingBalance: 1100, clientName: "Jones Industries" };
const HOOK = "https://app.example.test/api/clientpay/postback?t=page-secret";
const CARD_FORM = { method: "card", cardholderName: "Jane Doe", cardNumber: "4111 1111 1111 1111", expMonth: "12", expYear: "2099", cvv: "123", payerEmail: "jane@example.com" };
const ECHECK_FORM = { method: "eCheck", cardholderName: "Jane Doe", routingNumber: "021000021", accountNumber: "1000100010", accountType: "checking_business" };

describe("ClientPay emulator: the hosted pages a person pays on", () => {
  let h: EmulatorHarness;
  let accessId: string;
  let postbacks: Array<{ url: string; body: WireJson }>;
  beforeEach(async () => {
    postbacks = [];
    h = emulatorHarness({ appBaseUrl: "http://emulator", postback: async (url, body) => void postbacks.push({ url, body }) });
    accessId = await h.newAccessId();
  });

  const page = async (path: string) => {
    const response = await h.app.request(`http://emulator${path}`);
    return { status: response.status, html: await response.text(), location: response.headers.get("location") };
  };
  const submit = async (path: string, form: Record<string, string>) => {
    const response = await h.app.request(`http://emulator${path}`, { method: "POST", body: new URLSearchParams(form) });
    return { status: response.status, html: await response.text(), location: response.headers.get("location") };
  };
  const pathOf = (url: string) => new URL(url.replace("/#/", "/")).pathname;
  const byRequestId = async (requestId: string) =>
    (await h.v2("paymentsearch/results", { group: { type: "and", conditions: [{ criteria: { field: 1, operator: 1, value: requestId } }] } }, { accessId })).body.payments;
  const invoicePage = async (extra: Record<string, unknown> = {}) => {
    const created = await h.withToken("paymentpage/invoice", accessId, { invoices: [INVOICE], responseOptions: { serverSideReturnAddress: HOOK }, ...extra });
    expect(created.status).toBe(200);
    return { requestId: created.body.requestId as string, url: created.body.paymentPageUrl as string, path: pathOf(created.body.paymentPageUrl) };
  };

  it("the documented URL opens the shell, whose script moves the fragment into the path", async () => {
    const { url, path, requestId } = await invoicePage();
    expect(url).toBe(`http://emulator/app/api/#/invoicePaymentPage/${requestId}`);
    const shell = await page("/app/api/");
    expect(shell.status).toBe(200);
    expect(shell.html).toContain("location.replace");
    expect(path).toBe(`/app/api/invoicePaymentPage/${requestId}`);
    const served = await page(path);
    expect(served.status).toBe(200);
    expect(served.html).toContain("INV-77");
    expect(served.html).toContain("$1,100.00");
    expect(served.html).not.toMatch(/<script|<link|src=/);
  });

  it("escapes every value the page shows", async () => {
    const { path } = await invoicePage({ pageOptions: { headerText: "<script>alert(1)</script>" }, invoices: [{ ...INVOICE, clientName: '"><img onerror=x>' }] });
    const served = await page(path);
    expect(served.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(served.html).not.toContain("<img onerror");
  });

  it("a declined card leaves the page open, records the decline and posts it back", async () => {
    const { path, requestId } = await invoicePage();
    const declined = await submit(path, { ...CARD_FORM, cardNumber: "4000000000000002" });
    expect(declined.status).toBe(402);
    expect(declined.html).toContain("declined");
    // A retry keeps what was typed, except the card number.
    expect(declined.html).toContain('value="Jane Doe"');
    expect(declined.html).toContain('value="jane@example.com"');
    expect(declined.html).not.toContain("4000000000000002");
    expect((await h.control("GET", `pages/${requestId}`)).body.status).toBe("Active");
    expect((await byRequestId(requestId)).map((payment: WireJson) => payment.paymentStatus)).toEqual(["Declined"]);
    expect(postbacks.map((entry) => entry.body.status ?? entry.body.paymentStatus)).toEqual(["Processing", "Declined"]);
  });

  it("a card failing Luhn, a missing expiry or an amount above the balance is refused with nothing charged", async () => {
    const { path, requestId } = await invoicePage();
    const luhn = await submit(path, { ...CARD_FORM, cardNumber: "4111111111111112" });
    expect(luhn.status).toBe(400);
    expect(luhn.html).toContain("card number is not valid");
    expect((await submit(path, { ...CARD_FORM, expYear: "" })).status).toBe(400);
    const tooMuch = await submit(path, { ...CARD_FORM, amount_0: "1100.01" });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.html).toContain("more than is owed");
    expect((await submit(path, { ...CARD_FORM, amount_0: "12,5x" })).status).toBe(400);
    expect(await byRequestId(requestId)).toEqual([]);
    expect(postbacks).toEqual([]);
  });

  it("paying completes the page, makes the payment searchable by the page's requestId and sends both postbacks", async () => {
    const { path, requestId, url } = await invoicePage();
    const paid = await submit(path, { ...CARD_FORM, amount_0: "1,000.50" });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(path);
    const receipt = await page(path);
    expect(receipt.html).toContain("Paid");
    const [payment] = await byRequestId(requestId);
    expect(payment).toMatchObject({
      paymentStatus: "Approved",
      paymentAmount: 1000.5,
      paymentPageUrl: url,
      paymentPageUrlStatus: "Completed",
      payerName: "Jane Doe",
      payerEmail: "jane@example.com",
      invoiceNumbers: ["INV-77"],
      accountLast4: "1111",
      cardBrand: "Visa",
      isSettled: false,
    });
    expect(receipt.html).toContain(payment.paymentID);
    expect(postbacks).toEqual([
      { url: HOOK, body: { requestID: requestId, status: "Processing", paymentID: "", success: true } },
      { url: HOOK, body: expect.objectContaining({ success: true, requestID: requestId, paymentID: payment.paymentID, paymentStatus: "Approved", paymentPageUrlStatus: "Completed", paymentAmount: 1000.5 }) },
    ]);
    const again = await submit(path, CARD_FORM);
    expect(again.status).toBe(400);
    expect(await byRequestId(requestId)).toHaveLength(1);
  });

  it("pays by eCheck, and a fixed (non-editable) amount cannot be changed", async () => {
    const { path, requestId } = await invoicePage({ invoices: [{ ...INVOICE, editable: false, paymentAmount: 300 }] });
    expect((await page(path)).html).not.toContain('name="amount_0"');
    expect((await submit(path, { ...ECHECK_FORM, amount_0: "200" })).status).toBe(400);
    expect((await submit(path, ECHECK_FORM)).status).toBe(303);
    expect((await byRequestId(requestId))[0]).toMatchObject({ paymentStatus: "Approved", paymentMethodType: 1, paymentAmount: 300, accountLast4: "0010", cardBrand: null });
  });

  it("an expired page shows as expired and cannot be paid", async () => {
    const { path, requestId } = await invoicePage();
    expect((await h.v2("expirepage", { requestId }, { accessId })).status).toBe(200);
    const shown = await page(path);
    expect(shown.status).toBe(410);
    expect(shown.html).toContain("expired");
    expect((await submit(path, CARD_FORM)).status).toBe(410);
    expect(await byRequestId(requestId)).toEqual([]);
  });

  it("an unknown page, or a page under the wrong kind, is a 404", async () => {
    const { requestId } = await invoicePage();
    expect((await page("/app/api/invoicePaymentPage/no-such-page")).status).toBe(404);
    expect((await page(`/app/api/payerPage/${requestId}`)).status).toBe(404);
    expect((await page(`/app/api/bogus/${requestId}`)).status).toBe(404);
  });

  it("offers a payer's saved methods (masked) when the page names the payer, and can save a new payer", async () => {
    const payerId = (await h.withToken("payer", accessId, { payer: { firstName: "Jack", lastName: "Wyman", emails: ["jack@example.com"] } })).body.payerId;
    const [card] = (await h.withToken("payer/paymentmethods", accessId, { payerId, paymentMethods: [{ creditCard: VALID_CARD }] })).body.paymentMethods;
    const { path, requestId } = await invoicePage({ payerOrPaymentMethodId: payerId });
    const shown = await page(path);
    expect(shown.html).toContain("ending 1111");
    expect(shown.html).not.toContain("4111111111111111");
    expect((await submit(path, { method: `saved:${card.id}` })).status).toBe(303);
    expect((await byRequestId(requestId))[0]).toMatchObject({ payerId, paymentMethodId: card.id, payerName: "Jack Wyman", payerEmail: "jack@example.com" });

    const other = await invoicePage();
    expect((await submit(other.path, { method: `saved:${card.id}` })).status).toBe(400);
    expect((await submit(other.path, { ...CARD_FORM, savePayer: "on" })).status).toBe(303);
    const [saved] = await byRequestId(other.requestId);
    const stored = await h.v2("payer/get", { payerId: saved.payerId }, { accessId });
    expect(stored.body.payer).toMatchObject({ firstName: "Jane", lastName: "Doe", emails: ["jane@example.com"], paymentMethods: [{ id: saved.paymentMethodId, type: "card", last4: "1111", isPrimary: true }] });
  });
});

describe("ClientPay emulator: the hosted payer page", () => {
  let h: EmulatorHarness;
  let accessId: string;
  let postbacks: WireJson[];
  beforeEach(async () => {
    postbacks = [];
    h = emulatorHarness({ appBaseUrl: "http://emulator", postback: async (_url, body) => void postbacks.push(body) });
    accessId = await h.newAccessId();
  });

  const send = async (path: string, form?: Record<string, string>) => {
    const response = await h.app.request(`http://emulator${path}`, form ? { method: "POST", body: new URLSearchParams(form) } : undefined);
    return { status: response.status, html: await response.text() };
  };

  it("a new payer adds a card and an eCheck, finishes, and the payerId is posted back; the methods can be charged", async () => {
    const created = await h.withToken("payer/payerpage", accessId, { responseOptions: { serverSideReturnAddress: "https://app.example.test/hook" } });
    const path = `/app/api/payerPage/${created.body.requestId}`;
    expect((await send(path)).html).toContain('name="firstName"');
    expect((await send(path, { action: "add", firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", ...CARD_FORM, cardholderName: "" })).status).toBe(303);
    const afterOne = await send(path);
    expect(afterOne.html).toContain("Payment method saved");
    expect(afterOne.html).toContain("Finish");
    expect(postbacks).toEqual([]);
    expect((await send(path, { action: "add", ...ECHECK_FORM, makePrimary: "on" })).status).toBe(303);
    expect((await send(path, { action: "finish" })).status).toBe(303);
    expect((await send(path)).html).toContain("Saved. You can close this page.");
    expect(postbacks).toEqual([
      {
        success: true,
        requestID: created.body.requestId,
        payerId: expect.any(String),
        paymentMethods: [expect.objectContaining({ type: "card", last4: "1111", isPrimary: false }), expect.objectContaining({ type: "eCheck", last4: "0010", isPrimary: true })],
      },
    ]);
    const payerId = postbacks[0].payerId;
    const payer = (await h.v2("payer/get", { payerId }, { accessId })).body.payer;
    expect(payer).toMatchObject({ firstName: "Ada", lastName: "Lovelace", emails: ["ada@example.com"] });
    const charged = await h.withToken("payment", accessId, { totalAmount: 25, payerOrPaymentMethodId: payerId });
    expect(charged.body).toMatchObject({ success: true, paymentStatus: "Approved", paymentMethodType: 1 });
    const byCard = await h.withToken("payment", accessId, { totalAmount: 25, payerOrPaymentMethodId: payer.paymentMethods[0].id });
    expect(byCard.body).toMatchObject({ success: true, paymentMethodType: 0 });
    expect((await send(path, { action: "add", ...CARD_FORM })).status).toBe(400);
  });

  it("for an existing payer, shows its methods and attaches the new one; one-method pages finish at once", async () => {
    const payerId = (await h.withToken("payer", accessId, { payer: { businessName: "Wyman Corp." } })).body.payerId;
    await h.withToken("payer/paymentmethods", accessId, { payerId, paymentMethods: [{ creditCard: VALID_CARD }] });
    const created = await h.withToken("payer/payerpage", accessId, { payerId, acceptMultipleMethods: false, hidePayerNamePanel: false });
    const path = `/app/api/payerPage/${created.body.requestId}`;
    const shown = await send(path);
    expect(shown.html).toContain("Wyman Corp.");
    expect(shown.html).toContain("ending 1111");
    expect(shown.html).not.toContain('name="firstName"');
    expect((await send(path, { action: "add", ...CARD_FORM, cardNumber: "5454545454545454" })).status).toBe(303);
    expect((await h.control("GET", `pages/${created.body.requestId}`)).body.status).toBe("Completed");
    const methods = (await h.v2("payer/get", { payerId }, { accessId })).body.payer.paymentMethods;
    expect(methods.map((method: WireJson) => [method.last4, method.cardBrand])).toEqual([["1111", "Visa"], ["5454", "MasterCard"]]);
  });

  it("refuses a bad card and a nameless new payer without saving anything", async () => {
    const created = await h.withToken("payer/payerpage", accessId, {});
    const path = `/app/api/payerPage/${created.body.requestId}`;
    expect((await send(path, { action: "add", ...CARD_FORM })).status).toBe(400);
    expect((await send(path, { action: "add", firstName: "Ada", ...CARD_FORM, cardNumber: "4111111111111112" })).status).toBe(400);
    expect((await send(path, { action: "finish" })).status).toBe(400);
    expect((await h.control("GET", `pages/${created.body.requestId}`)).body).toMatchObject({ status: "Active", payerId: null });
  });
});
