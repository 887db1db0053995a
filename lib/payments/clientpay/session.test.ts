import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { emulatorHarness, VALID_CARD, type EmulatorHarness } from "../../../sandbox/clientpay/testing";
import { gatewayFailure } from "../http/testing";
import { GatewayError, isOutcomeUnknown } from "../http/errors";
import type { ClientpayClientOptions } from "./client";
import { clientOnEmulator } from "./testing";
import { isAccessIdRejected } from "./errors";
import type { ClientpayRequestId } from "./request-id";
import { paymentFilter, usesOnlyDocumentedFields } from "./search";

const INVOICE = { invoiceNumber: "INV-1", invoiceDate: "2026-01-31", outstandingBalanceCents: 12_500 };

let harnesses: EmulatorHarness[] = [];
afterEach(async () => {
  // Let go of anything a test left held, so no in-process request stays pending.
  for (const h of harnesses) await h.control("DELETE", "hold");
  harnesses = [];
});

async function setup(overrides: Partial<ClientpayClientOptions> = {}, emulator: Parameters<typeof emulatorHarness>[0] = {}) {
  const h = emulatorHarness(emulator);
  harnesses.push(h);
  const client = clientOnEmulator(h.app, overrides);
  const accessId = await client.newAccessId();
  const session = client.withAccessId(accessId);
  const counters = async () => (await h.control("GET", "counters")).body;
  const calls = async (path: string) => ((await counters()).byPath[`POST ${path}`] ?? 0) as number;
  return { h, client, accessId, session, counters, calls };
}

const failure = gatewayFailure;

describe("ClientPay session: request IDs are real, fresh and never sent twice", () => {
  it("announces each request ID before the call goes out, masked everywhere but reveal()", async () => {
    const t = await setup();
    const seen: ClientpayRequestId[] = [];
    const paymentsWhenAnnounced: number[] = [];
    const onRequestId = async (id: ClientpayRequestId) => {
      seen.push(id);
      paymentsWhenAnnounced.push(await t.calls("/v2/payment"));
    };
    const charged = await t.session.makePayment({ totalAmountCents: 1_000, creditCard: VALID_CARD }, { onRequestId });
    expect(paymentsWhenAnnounced).toEqual([0]);
    expect(seen[0]!.matches(charged.payment.requestId)).toBe(true);
    expect(charged.payment.requestId!.fingerprint()).toBe(seen[0]!.fingerprint());
    expect(seen[0]!.fingerprint()).toMatch(/^[0-9a-f]{64}$/);
    const raw = seen[0]!.reveal();
    for (const shown of [String(seen[0]), JSON.stringify({ id: seen[0], payment: charged }), inspect(seen[0]), inspect(charged, { depth: 5 })]) {
      expect(shown).not.toContain(raw);
    }
  });

  it("a listener that throws stops the call: nothing is sent and the ID is never presented", async () => {
    const t = await setup();
    const refusal = new Error("could not record the attempt");
    await expect(t.session.makePayment({ totalAmountCents: 100, creditCard: VALID_CARD }, { onRequestId: () => Promise.reject(refusal) })).rejects.toBe(refusal);
    expect(await t.calls("/v2/payment")).toBe(0);
    expect((await t.counters()).requestIds).toMatchObject({ issued: 1, consumed: 0 });
  });

  it("never presents a request ID twice, across every token call and every failure; a replay by hand is refused", async () => {
    const t = await setup({ timeoutMs: 150 });
    const used: ClientpayRequestId[] = [];
    const options = { onRequestId: (id: ClientpayRequestId) => void used.push(id) };
    const payerId = await t.session.createPayer({ firstName: "Ada" }, {}, options);
    await t.session.updatePayer(payerId, { lastName: "Lovelace" }, options);
    const [method] = await t.session.addPaymentMethods(payerId, [{ creditCard: VALID_CARD }], options);
    await t.session.updatePaymentMethods([{ id: method!.id, isPrimary: true }], options);
    const page = await t.session.createInvoicePaymentPage({ invoices: [INVOICE] }, options);
    await t.session.createLineItemPaymentPage({ lineItems: [{ paymentAmountCents: 100 }] }, options);
    await t.session.createConnectPaymentPage({ connectOption: "prolaw", invoices: [INVOICE] }, options);
    await t.session.createPayerPage({ payerId }, options);
    const charged = await t.session.makePayment({ totalAmountCents: 700, payerOrPaymentMethodId: payerId }, options);
    await t.session.refundOrVoid({ paymentId: charged.payment.paymentId! }, options);
    // Failures: refused, faulted before processing, and timed out after processing.
    await failure(t.session.createPayer({}, {}, options));
    await t.h.control("POST", "faults", { kind: "503", path: "/v2/payment", count: 1 });
    await failure(t.session.makePayment({ totalAmountCents: 1, creditCard: VALID_CARD }, options));
    await t.h.control("POST", "hold", { path: "/v2/payment", count: 1 });
    await failure(t.session.makePayment({ totalAmountCents: 2, creditCard: VALID_CARD }, options));
    await t.session.deletePayer(payerId, options);
    expect(page.requestId).toBe(used[4]!.reveal());

    expect(new Set(used.map((id) => id.reveal())).size).toBe(used.length);
    const { requestIds, byPath } = await t.counters();
    expect(requestIds).toEqual({ issued: used.length, consumed: used.length - 1, replaysRefused: 0, unknownRefused: 0, foreignRefused: 0 });
    expect(byPath["POST /v2/token/requestid"]).toBe(used.length);
    // The one never consumed: the call the 503 fault answered before ClientPay looked at it.

    const replay = await t.h.v2("payment", { token: { requestId: used[8]!.reveal() }, totalAmount: 7, creditCard: VALID_CARD }, { accessId: t.accessId });
    expect(replay.status).toBe(400);
    expect((await t.counters()).requestIds.replaysRefused).toBe(1);
  });
});

describe("ClientPay session: an unknown outcome is recognisable and reconciled by a search by request ID", () => {
  it("a payment whose answer never comes is outcome unknown, sent once, and found by its request ID", async () => {
    const t = await setup({ timeoutMs: 100 });
    let requestId: ClientpayRequestId | undefined;
    await t.h.control("POST", "hold", { path: "/v2/payment", count: 1 });
    const error = await failure(t.session.makePayment({ totalAmountCents: 4_200, creditCard: VALID_CARD }, { onRequestId: (id) => void (requestId = id) }));
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: true, retryable: false });
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(error.userMessage).toMatch(/may or may not have gone through/);
    expect(await t.calls("/v2/payment")).toBe(1);
    const found = await t.session.findPaymentsByRequestId(requestId!);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ paymentStatus: "Approved", amountCents: 4_200 });
    expect(found[0]!.requestId!.matches(requestId)).toBe(true);
  });

  it("a 5xx on a refund is outcome unknown too; the search shows it did not happen, and a void's request ID finds its payment", async () => {
    const t = await setup();
    const { payment } = await t.session.makePayment({ totalAmountCents: 900, creditCard: VALID_CARD });
    let refundId: ClientpayRequestId | undefined;
    await t.h.control("POST", "faults", { kind: "500", path: "/v2/payment/refund", count: 1 });
    const error = await failure(t.session.refundOrVoid({ paymentId: payment.paymentId! }, { onRequestId: (id) => void (refundId = id) }));
    expect(error).toMatchObject({ kind: "unavailable", outcomeUnknown: true, retryable: false });
    expect(await t.session.findPaymentsByRequestId(refundId!)).toEqual([]);
    const voided = await t.session.refundOrVoid({ paymentId: payment.paymentId!, refundNote: "Entered twice" }, { onRequestId: (id) => void (refundId = id) });
    expect(voided).toMatchObject({ action: "Void", amountCents: 900 });
    const [reversed] = await t.session.findPaymentsByRequestId(refundId!);
    expect(reversed).toMatchObject({ paymentId: payment.paymentId, paymentStatus: "Voided", refunds: [{ action: "Void", amountCents: 900, refundNote: "Entered twice" }] });
    expect(reversed!.refunds[0]!.requestId!.matches(refundId)).toBe(true);
  });

  it("a page creation whose answer is unreadable is outcome unknown; a refused one is not", async () => {
    const t = await setup();
    await t.h.control("POST", "faults", { kind: "malformed", path: "/v2/paymentpage/invoice", count: 1 });
    expect(await failure(t.session.createInvoicePaymentPage({ invoices: [INVOICE] }))).toMatchObject({ kind: "bad_shape", outcomeUnknown: true });
    const refused = await failure(t.session.createInvoicePaymentPage({ invoices: [{ ...INVOICE, paymentAmountCents: 99_999 }] }));
    expect(refused).toMatchObject({ kind: "validation", outcomeUnknown: false });
    expect(await t.calls("/v2/paymentpage/invoice")).toBe(2);
  });
});

describe("ClientPay session: an access ID rejected mid-operation is access_id_rejected for every call", () => {
  it("covers every call made on an access ID", async () => {
    const t = await setup();
    const payerId = await t.session.createPayer({ firstName: "Ada" });
    await t.client.newAccessId(); // a rotation elsewhere: the bound id is now replaced
    const s = t.session;
    const operations: Array<[string, () => Promise<unknown>]> = [
      ["generateRequestId", () => s.generateRequestId()],
      ["createInvoicePaymentPage", () => s.createInvoicePaymentPage({ invoices: [INVOICE] })],
      ["createLineItemPaymentPage", () => s.createLineItemPaymentPage({ lineItems: [{ paymentAmountCents: 1 }] })],
      ["createConnectPaymentPage", () => s.createConnectPaymentPage({ connectOption: "3e", invoices: [INVOICE] })],
      ["createPayerPage", () => s.createPayerPage()],
      ["expirePage", () => s.expirePage("any")],
      ["makePayment", () => s.makePayment({ totalAmountCents: 1, creditCard: VALID_CARD })],
      ["refundOrVoid", () => s.refundOrVoid({ paymentId: "10000001" })],
      ["createPayer", () => s.createPayer({ firstName: "B" })],
      ["updatePayer", () => s.updatePayer(payerId, { firstName: "C" })],
      ["deletePayer", () => s.deletePayer(payerId)],
      ["addPaymentMethods", () => s.addPaymentMethods(payerId, [{ creditCard: VALID_CARD }])],
      ["updatePaymentMethods", () => s.updatePaymentMethods([{ id: "x" }])],
      ["getPayer", () => s.getPayer(payerId)],
      ["countPayments", () => s.countPayments()],
      ["searchPayments", () => s.searchPayments()],
      ["iteratePayments", async () => { for await (const _ of s.iteratePayments()) break; }],
      ["findPaymentsByRequestId", () => s.findPaymentsByRequestId("r")],
      ["getPayment", () => s.getPayment("10000001")],
      ["searchConnect", () => s.searchConnect({ connectOption: "prolaw", searchBy: "client", searchText: "300" })],
    ];
    // validate() answers false instead of failing; expire() of an already-dead id succeeds (it is idempotent).
    const missing = Object.keys(s).filter((name) => !operations.some(([covered]) => covered === name) && name !== "validate" && name !== "expire");
    expect(missing).toEqual([]);
    for (const [name, run] of operations) {
      const error = await failure(run()).catch((cause: unknown) => new GatewayError({ gateway: "clientpay", kind: "validation", userMessage: `${name}: ${String(cause)}` }));
      expect({ name, rejected: isAccessIdRejected(error), outcomeUnknown: error.outcomeUnknown }).toEqual({ name, rejected: true, outcomeUnknown: false });
    }
    expect(await s.validate()).toBe(false);
  });
});

describe("ClientPay session: the payments table's filters as one search", () => {
  it("builds criteria for text, status, method, amount, settlement and dates, each answered correctly", async () => {
    const t = await setup();
    const check = async (filters: Parameters<typeof paymentFilter>[0], holds: (payment: Awaited<ReturnType<typeof t.session.getPayment>> & object) => boolean) => {
      const filter = paymentFilter(filters);
      const count = await t.session.countPayments(filter);
      const found = [];
      for await (const payment of t.session.iteratePayments({ filter })) found.push(payment);
      expect(found).toHaveLength(count);
      expect(count).toBeGreaterThan(0);
      expect(found.every(holds)).toBe(true);
      return found;
    };
    await check({ statuses: ["Refunded", "PartiallyRefunded"] }, (p) => p.paymentStatus === "Refunded" || p.paymentStatus === "PartiallyRefunded");
    await check({ method: "eCheck", minAmountCents: 10_000, maxAmountCents: 50_000 }, (p) => p.method === "eCheck" && p.amountCents >= 10_000 && p.amountCents <= 50_000);
    await check({ settled: false, statuses: ["Approved"] }, (p) => p.isSettled === false);
    await check({ paidFrom: "2026-02-01", paidBefore: new Date("2026-02-15T00:00:00Z") }, (p) => p.paymentDateUtc! >= "2026-02-01" && p.paymentDateUtc! < "2026-02-15");
    const [sample] = (await t.session.searchPayments({ filter: paymentFilter({ invoiceNumber: "INV-" }), pageSize: 1 })).payments;
    const surname = sample!.payerName!.split(" ").at(-1)!.toLowerCase();
    await check({ text: surname }, (p) => [p.payerName, p.payerEmail, p.orderId, ...p.invoiceNumbers].some((value) => value?.toLowerCase().includes(surname)));
    await check({ invoiceNumber: sample!.invoiceNumbers[0] }, (p) => p.invoiceNumbers.some((number) => number.includes(sample!.invoiceNumbers[0]!)));
    expect(await t.session.getPayment(sample!.paymentId!)).toEqual(sample);
    expect(await t.session.getPayment("1")).toBeNull();
  });

  it("walks the account after a payment id, in payment-id order, with documented fields only", async () => {
    const t = await setup();
    const [first, second] = (await t.session.searchPayments({ orderBy: ["paymentId"], pageSize: 2 })).payments;
    const filter = paymentFilter({ paymentIdAfter: first!.paymentId! });
    expect(usesOnlyDocumentedFields(filter, ["paymentId"])).toBe(true);
    const next = await t.session.searchPayments({ filter, orderBy: ["paymentId"], pageSize: 1 });
    expect(next.payments.map((payment) => payment.paymentId)).toEqual([second!.paymentId]);
    expect(await t.session.countPayments(filter)).toBe((await t.session.countPayments()) - 1);
  });

  it("says which filters the real service documents", () => {
    expect(usesOnlyDocumentedFields(paymentFilter({ paidFrom: "2026-01-01", paymentId: "1" }), ["paymentDate"])).toBe(true);
    expect(usesOnlyDocumentedFields(paymentFilter({ text: "smith" }))).toBe(false);
    expect(usesOnlyDocumentedFields(paymentFilter({}), ["paymentDate desc"])).toBe(false);
  });

  it("sorts newest first and reads the extension fields into cents", async () => {
    const t = await setup();
    const { payments } = await t.session.searchPayments({ orderBy: ["paymentDate desc"], pageSize: 100 });
    const times = payments.map((payment) => payment.paymentDateUtc!);
    expect(times).toEqual([...times].sort().reverse());
    const partial = (await t.session.searchPayments({ filter: paymentFilter({ statuses: ["PartiallyRefunded"] }), pageSize: 1 })).payments[0]!;
    expect(partial.refundedAmountCents).toBeGreaterThan(0);
    expect(partial.refundedAmountCents).toBeLessThan(partial.amountCents);
    expect(partial.refunds[0]).toMatchObject({ action: "PartialRefund", amountCents: partial.refundedAmountCents });
  });
});

describe("ClientPay session: payers, payer pages and saved methods", () => {
  it("a payer page adds a method (no card number through Paydesk) that then shows on the payer and can be charged", async () => {
    const t = await setup();
    const payerId = await t.session.createPayer({ firstName: "Jack", lastName: "Wyman", emails: ["jack@example.com"] });
    const page = await t.session.createPayerPage({ payerId, responseOptions: { serverSideReturnAddress: "https://app.example.test/hook" } });
    expect(page.url).toContain(`/payerPage/${page.requestId}`);
    expect((await t.h.control("POST", `pages/${page.requestId}/submit`, { eCheck: true })).status).toBe(200);
    const payer = await t.session.getPayer(payerId);
    expect(payer).toMatchObject({ payerId, firstName: "Jack", emails: ["jack@example.com"], paymentMethods: [{ type: "eCheck", last4: "0010", isPrimary: true }] });
    const charged = await t.session.makePayment({ totalAmountCents: 5_000, payerOrPaymentMethodId: payer!.paymentMethods[0]!.id });
    expect(charged).toMatchObject({ approved: true, payment: { method: "eCheck" } });
    expect(await t.session.getPayment(charged.payment.paymentId!)).toMatchObject({ payerId, payerName: "Jack Wyman", payerEmail: "jack@example.com", accountLast4: "0010" });
    expect(await t.session.getPayer("no-such-payer")).toBeNull();
  });

  it("voids an unsettled payment and refunds it in full once settled", async () => {
    const t = await setup();
    const first = (await t.session.makePayment({ totalAmountCents: 2_000, creditCard: VALID_CARD })).payment.paymentId!;
    const second = (await t.session.makePayment({ totalAmountCents: 3_000, creditCard: VALID_CARD })).payment.paymentId!;
    expect(await t.session.refundOrVoid({ paymentId: first })).toMatchObject({ action: "Void", refundPaymentId: null });
    await t.h.control("POST", "settle", { paymentId: second });
    expect(await t.session.refundOrVoid({ paymentId: second, refundNote: "Overpaid" })).toMatchObject({ action: "Refund", amountCents: 3_000, refundPaymentId: expect.stringMatching(/^\d+$/) });
    expect(await t.session.getPayment(second)).toMatchObject({ paymentStatus: "Refunded", isSettled: true, refundedAmountCents: 3_000, refunds: [{ refundNote: "Overpaid" }] });
  });
});
