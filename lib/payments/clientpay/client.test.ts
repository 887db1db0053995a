import { beforeEach, describe, expect, it } from "vitest";
import { emulatorHarness, VALID_CARD } from "../../../sandbox/clientpay/testing";
import { gatewayFailure } from "../http/testing";
import { createClientpayClient, type ClientpayClientOptions } from "./client";
import { clientOnEmulator, DEMO_OPERATING as OPERATING } from "./testing";
import { CLIENTPAY_CODES, isAccessIdRejected, isCredentialsRejected, paymentFailure } from "./errors";

const INVOICE = { invoiceNumber: "12345", invoiceDate: "2019-10-15", outstandingBalanceCents: 110_000 };

function setup(overrides: Partial<ClientpayClientOptions> = {}) {
  const h = emulatorHarness();
  const client = clientOnEmulator(h.app, overrides);
  const calls = async (path: string) => ((await h.control("GET", "counters")).body.byPath[`POST ${path}`] ?? 0) as number;
  const fault = (body: Record<string, unknown>) => h.control("POST", "faults", body);
  return { h, client, calls, fault };
}

const failure = gatewayFailure;

describe("ClientPay client: token lifecycle against the emulator", () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => {
    t = setup();
  });

  it("new → current equal; new again → previous rejected as an access-id failure; expire → invalid", async () => {
    expect(await t.client.currentAccessId()).toBeNull();
    const first = await t.client.newAccessId();
    expect(await t.client.currentAccessId()).toBe(first);
    expect(await t.client.validateAccessId(first)).toBe(true);

    const second = await t.client.newAccessId();
    expect(await t.client.validateAccessId(first)).toBe(false);
    const rejected = await failure(t.client.withAccessId(first).createPayer({ firstName: "Jack" }));
    expect(rejected).toMatchObject({ gateway: "clientpay", kind: "authentication", status: 401, upstreamCode: CLIENTPAY_CODES.accessIdRejected, retryable: false });
    expect(isAccessIdRejected(rejected)).toBe(true);
    expect(rejected.userMessage).toMatch(/expired or replaced/);

    await t.client.expireAccessId(second);
    expect(await t.client.validateAccessId(second)).toBe(false);
    expect(await t.client.currentAccessId()).toBeNull();
  });

  it("wrong credentials are a credentials failure, not an access-id failure", async () => {
    const client = createClientpayClient({ baseUrl: "http://emulator/v2", ...OPERATING, accountPin: "9999", fetch: async (input, init) => t.h.app.request(input, init) });
    const error = await failure(client.newAccessId());
    expect(error).toMatchObject({ kind: "authentication", upstreamCode: CLIENTPAY_CODES.credentialsRejected });
    expect(isCredentialsRejected(error)).toBe(true);
    expect(isAccessIdRejected(error)).toBe(false);
    expect(await client.validateCredentials()).toBe(false);
    expect(await t.client.validateCredentials()).toBe(true);
  });

  it("New Customer Access ID needs the customer key and PIN", async () => {
    expect((await failure(t.client.newCustomerAccessId())).kind).toBe("validation");
    const firm = setup({ customerKey: "sandbox-firm", customerPin: "3333" });
    const customerAccessId = await firm.client.newCustomerAccessId();
    const invoices = await firm.client.withAccessId(customerAccessId).searchConnect({ connectOption: "prolaw", searchBy: "client", searchText: "300" });
    expect(invoices.length).toBeGreaterThan(0);
    expect(invoices[0]).toMatchObject({ clientId: "300", outstandingBalanceCents: expect.any(Number) });
  });

  it("fetches a fresh request id for every call that needs one", async () => {
    const session = t.client.withAccessId(await t.client.newAccessId());
    const a = await session.createInvoicePaymentPage({ invoices: [INVOICE] });
    const b = await session.createInvoicePaymentPage({ invoices: [INVOICE] });
    await session.createPayer({ lastName: "Wyman" });
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.url).toContain(a.requestId);
    expect(await t.calls("/v2/token/requestid")).toBe(3);
    // Search and expire-page carry no token, so they fetch none.
    await session.countPayments();
    await session.expirePage(a.requestId);
    expect(await t.calls("/v2/token/requestid")).toBe(3);
  });
});

describe("ClientPay client: pages, payers, payments", () => {
  it("runs the page, payer, payment and refund calls with cents in and cents out", async () => {
    const t = setup();
    const session = t.client.withAccessId(await t.client.newAccessId());
    const lineItems = await session.createLineItemPaymentPage({ lineItems: [{ paymentAmountCents: 60_000, itemName: "Hourly" }] });
    expect(lineItems.url).toContain("/lineItemPaymentPage/");
    const connect = await session.createConnectPaymentPage({ connectOption: "aderant", invoices: [{ ...INVOICE, matterNumber: "M-1" }] });
    expect(connect.url).toContain("/connectPaymentPage/");
    const payerPage = await session.createPayerPage();
    expect(payerPage.url).toContain("/payerPage/");
    await session.expirePage(payerPage.requestId);
    expect((await failure(session.expirePage("no-such-page"))).kind).toBe("not_found");

    const payerId = await session.createPayer({ firstName: "Jack", payerName: 1, payerAddress: { state: "LA" } });
    await session.updatePayer(payerId, { businessName: "Wyman Corp." });
    const [method] = await session.addPaymentMethods(payerId, [{ creditCard: VALID_CARD }]);
    expect(method).toEqual({ id: expect.any(String), isPrimary: true });
    expect(await session.updatePaymentMethods([{ id: method!.id, creditCard: { cardholderName: "J. Wyman" } }])).toEqual([method]);

    const charged = await session.makePayment({ totalAmountCents: 12_345, taxCents: 45, payerOrPaymentMethodId: payerId });
    expect(charged.approved).toBe(true);
    expect(charged.payment).toMatchObject({ amountCents: 12_345, taxAmountCents: 45, paymentStatus: "Approved", paymentId: expect.stringMatching(/^\d+$/) });
    const reversed = await session.refundOrVoid({ paymentId: charged.payment.paymentId! });
    expect(reversed).toMatchObject({ action: "Void", amountCents: 12_345, refundPaymentId: null });

    const declined = await session.makePayment({ totalAmountCents: 500, creditCard: { ...VALID_CARD, cardNumber: "4000000000000002" } });
    expect(declined).toMatchObject({ approved: false, payment: { paymentStatus: "Declined" } });
    expect(paymentFailure(declined)).toMatchObject({ kind: "declined", upstreamCode: "Declined", retryable: false });
    expect(paymentFailure(charged)).toBeUndefined();
    await session.deletePayer(payerId);
    expect((await failure(session.deletePayer(payerId))).kind).toBe("not_found");
    const invalid = await failure(session.createPayer({}));
    expect(invalid).toMatchObject({ kind: "validation", status: 400, upstreamCode: CLIENTPAY_CODES.requestRejected });
  });
});

describe("ClientPay client: payment search paging", () => {
  it("counts, pages 100 at a time in paymentDate order, caps pageSize at 100, and filters", async () => {
    const t = setup();
    const session = t.client.withAccessId(await t.client.newAccessId());
    expect(await session.countPayments()).toBe(3000);
    const page1 = await session.searchPayments({ pageNumber: 1, pageSize: 100 });
    const page2 = await session.searchPayments({ pageNumber: 2 });
    expect(page2).toMatchObject({ pageNumber: 2, pageSize: 100 });
    expect(page2.payments).toHaveLength(100);
    expect(page1.payments.at(-1)!.paymentDateUtc! <= page2.payments[0]!.paymentDateUtc!).toBe(true);
    const wide = await session.searchPayments({ pageNumber: 1, pageSize: 500 });
    expect(wide.pageSize).toBe(100);
    expect(wide.payments.map((payment) => payment.paymentId)).toEqual(page1.payments.map((payment) => payment.paymentId));
    const last = await session.searchPayments({ pageNumber: 30 });
    expect(last.payments).toHaveLength(100);
    expect((await session.searchPayments({ pageNumber: 31 })).payments).toHaveLength(0);
    const target = page2.payments[5]!;
    const filter = { type: "and" as const, conditions: [{ field: "paymentId" as const, operator: "eq" as const, value: target.paymentId! }] };
    expect(await session.countPayments(filter)).toBe(1);
    expect((await session.searchPayments({ filter })).payments).toEqual([target]);
    expect(target.amountCents).toBe(Math.round(target.amountCents));
  });
});

describe("ClientPay client: iterating every payment", () => {
  it("walks all pages in paymentId order and stops at the first short page", async () => {
    const t = setup();
    const session = t.client.withAccessId(await t.client.newAccessId());
    const ids: number[] = [];
    for await (const payment of session.iteratePayments({ pageSize: 70 })) ids.push(Number(payment.paymentId));
    expect(ids).toHaveLength(3000);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await t.calls("/v2/paymentsearch/results")).toBe(Math.ceil(3000 / 70));
  });
});

describe("ClientPay client: error mapping for injected faults and retry rules", () => {
  it.each([
    ["http500", "unavailable", true],
    ["http503", "unavailable", true],
    ["malformed", "bad_shape", false],
  ] as const)("maps %s to %s", async (kind, expected, retryable) => {
    const t = setup();
    await t.fault({ kind, path: "/v2/token/accessid/current" });
    const error = await failure(t.client.currentAccessId());
    expect(error).toMatchObject({ gateway: "clientpay", kind: expected, retryable });
  });

  it("maps a timeout to network and gives up on its own clock", async () => {
    const t = setup({ timeoutMs: 80 });
    await t.fault({ kind: "timeout", path: "/v2/token/accessid/current", holdMs: 5_000 });
    const error = await failure(t.client.currentAccessId());
    expect(error).toMatchObject({ kind: "network", retryable: true, outcomeUnknown: false });
    // Our own timer fired (the emulator would only have answered 504 after 5 s).
    expect(String(error.cause)).toContain("timed out after 80 ms");
  });

  it("retries Current, Validate, Generate Request ID and searches after transient 503s", async () => {
    const t = setup();
    const accessId = await t.client.newAccessId();
    await t.fault({ kind: "503", path: "/v2/token/accessid/current", count: 2 });
    expect(await t.client.currentAccessId()).toBe(accessId);
    expect(await t.calls("/v2/token/accessid/current")).toBe(3);
    await t.fault({ kind: "500", path: "/v2/token/accessid/validate", count: 1 });
    expect(await t.client.validateAccessId(accessId)).toBe(true);
    expect(await t.calls("/v2/token/accessid/validate")).toBe(2);
    await t.fault({ kind: "503", path: "/v2/paymentsearch/results", count: 1 });
    expect((await t.client.withAccessId(accessId).searchPayments({ pageSize: 1 })).payments).toHaveLength(1);
    expect(await t.calls("/v2/paymentsearch/results")).toBe(2);
  });

  it("never retries New Access ID: one call on a 503 and on a timeout", async () => {
    const t = setup({ timeoutMs: 80 });
    await t.fault({ kind: "503", path: "/v2/token/accessid", count: 1 });
    expect((await failure(t.client.newAccessId())).kind).toBe("unavailable");
    expect(await t.calls("/v2/token/accessid")).toBe(1);
    await t.fault({ kind: "timeout", path: "/v2/token/accessid", count: 1, holdMs: 2_000 });
    expect((await failure(t.client.newAccessId())).kind).toBe("network");
    expect(await t.calls("/v2/token/accessid")).toBe(2);
  });

  it("never retries Expire Access ID", async () => {
    const t = setup();
    const accessId = await t.client.newAccessId();
    await t.fault({ kind: "503", path: "/v2/token/accessid/expire", count: 1 });
    expect((await failure(t.client.expireAccessId(accessId))).kind).toBe("unavailable");
    expect(await t.calls("/v2/token/accessid/expire")).toBe(1);
    expect(await t.client.validateAccessId(accessId)).toBe(true);
  });

  it("never retries money movement or token-bearing writes", async () => {
    const t = setup();
    const session = t.client.withAccessId(await t.client.newAccessId());
    for (const path of ["/v2/payment", "/v2/payment/refund", "/v2/paymentpage/invoice", "/v2/payer"]) {
      await t.fault({ kind: "503", path, count: 1 });
    }
    await failure(session.makePayment({ totalAmountCents: 100, creditCard: VALID_CARD }));
    await failure(session.refundOrVoid({ paymentId: "10000001" }));
    await failure(session.createInvoicePaymentPage({ invoices: [INVOICE] }));
    await failure(session.createPayer({ firstName: "A" }));
    for (const path of ["/v2/payment", "/v2/payment/refund", "/v2/paymentpage/invoice", "/v2/payer"]) {
      expect(await t.calls(path)).toBe(1);
    }
  });

  it("maps a 429 with Retry-After to rate_limited, and a 200 with success false to validation", async () => {
    let answer: Response = new Response("{}");
    const client = createClientpayClient({ baseUrl: "http://x/v2/", ...OPERATING, fetch: async () => answer, sleep: async () => {}, retry: { maxRetryAfterMs: 0 } });
    answer = new Response(JSON.stringify({ success: false, message: "slow down" }), { status: 429, headers: { "Retry-After": "30" } });
    expect(await failure(client.currentAccessId())).toMatchObject({ kind: "rate_limited", rateLimit: { retryAfterSeconds: 30 } });
    answer = new Response(JSON.stringify({ success: false, isValid: true }), { status: 200 });
    expect(await failure(client.validateAccessId("abcd-1234"))).toMatchObject({ kind: "validation", upstreamCode: CLIENTPAY_CODES.unsuccessful });
  });
});

describe("ClientPay client: secrets stay out of errors and logs", () => {
  it("redacts the accessId, request id, keys and PIN from error causes and log lines", async () => {
    const lines: string[] = [];
    const logger = { debug: (obj: object, msg?: string) => void lines.push(JSON.stringify({ obj, msg })), warn: (obj: object, msg?: string) => void lines.push(JSON.stringify({ obj, msg })) };
    const accessId = "3f2b9c1e-aaaa-4bbb-8ccc-123456789abc";
    const requestId = "9d8e7f6a-1111-4222-8333-444455556666";
    // An upstream that echoes every secret it was given, to prove none survives.
    const echo = `${accessId} ${requestId} ${OPERATING.integratorKey} ${OPERATING.accountKey} pin=${OPERATING.accountPin}`;
    const client = createClientpayClient({
      baseUrl: "http://x/v2/",
      ...OPERATING,
      logger,
      fetch: async (url) =>
        String(url).endsWith("token/requestid")
          ? new Response(JSON.stringify({ success: true, requestId }))
          : new Response(JSON.stringify({ success: false, message: echo, errors: [echo] }), { status: 400 }),
    });
    const error = await failure(client.withAccessId(accessId).createPayer({ firstName: "A" }));
    const exposed = [error.message, error.userMessage, String(error.cause), JSON.stringify(error), ...lines].join("\n");
    expect(String(error.cause)).toContain("[redacted]");
    for (const secret of [accessId, requestId, OPERATING.integratorKey, OPERATING.accountKey, `pin=${OPERATING.accountPin}`]) {
      expect(exposed).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThan(0);
  });
});
