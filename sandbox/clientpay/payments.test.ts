import { beforeEach, describe, expect, it } from "vitest";
import { DECLINING_CARD, emulatorHarness, TRUST, VALID_CARD, type EmulatorHarness } from "./testing";

describe("ClientPay emulator: Payment and Full Refund/Void (docs/clientpay-api.md, Payments)", () => {
  let h: EmulatorHarness;
  let accessId: string;
  beforeEach(async () => {
    h = emulatorHarness();
    accessId = await h.newAccessId();
  });

  const pay = (body: Record<string, unknown>) => h.withToken("payment", accessId, body);

  it("approves a Luhn-valid card and answers with the postback field set (docs/clientpay-api.md, Payments)", async () => {
    const answer = await h.v2("payment", { token: { requestId: await h.newRequestId(accessId), sessionId: "154321", customerId: "66" }, totalAmount: 22, tax: 2, creditCard: VALID_CARD }, { accessId });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      success: true,
      paymentStatus: "Approved",
      sessionID: "154321",
      customerRefNumber: "66",
      paymentAmount: 22,
      paymentTaxAmount: 2,
      surchargeAmount: 0,
      paymentMethodType: 0,
      paymentPageUrl: null,
    });
    expect(answer.body.paymentID).toMatch(/^\d+$/);
    expect(answer.body.paymentDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}-05:00$/);
    expect(answer.body.paymentDateUtc).toMatch(/Z$/);
    expect(new Date(answer.body.paymentDate).getTime()).toBe(new Date(answer.body.paymentDateUtc).getTime());
  });

  it("declines cards ending in 0002 with HTTP 200 and success false, consuming the request id", async () => {
    const requestId = await h.newRequestId(accessId);
    const declined = await h.v2("payment", { token: { requestId }, totalAmount: 10, creditCard: DECLINING_CARD }, { accessId });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ success: false, paymentStatus: "Declined" });
    expect((await h.v2("payment", { token: { requestId }, totalAmount: 10, creditCard: VALID_CARD }, { accessId })).status).toBe(400);
  });

  it("refuses a non-Luhn card, both or neither funding sources, and a non-positive amount", async () => {
    expect((await pay({ totalAmount: 10, creditCard: { ...VALID_CARD, cardNumber: "4111111111111112" } })).status).toBe(400);
    expect((await pay({ totalAmount: 10 })).status).toBe(400);
    expect((await pay({ totalAmount: 10, creditCard: VALID_CARD, payerOrPaymentMethodId: "x" })).status).toBe(400);
    expect((await pay({ totalAmount: 0, creditCard: VALID_CARD })).status).toBe(400);
    expect((await pay({ totalAmount: 10, creditCard: { ...VALID_CARD, expirationDateYear: 2001 } })).status).toBe(400);
    expect((await pay({ totalAmount: 10, creditCard: { ...VALID_CARD, expirationDateMonth: 13 } })).status).toBe(400);
  });

  it("accepts an eCheck (always approved, method type 1)", async () => {
    const answer = await pay({ totalAmount: 5, eCheck: { nameOnAccount: "Jane P Doe", routingNumber: "123456789", accountNumber: "1000100010", accountType: "checking_business" } });
    expect(answer.body).toMatchObject({ success: true, paymentStatus: "Approved", paymentMethodType: 1 });
  });

  it("charges a payer's primary method when given a payer id, or the named method", async () => {
    const payerId = (await h.withToken("payer", accessId, { payer: { firstName: "Jack" } })).body.payerId;
    const methods = await h.withToken("payer/paymentmethods", accessId, {
      payerId,
      paymentMethods: [
        { creditCard: VALID_CARD, isPrimary: true },
        { eCheck: { nameOnAccount: "Jack", routingNumber: "123456789", accountNumber: "12345678" } },
      ],
    });
    const [card, check] = methods.body.paymentMethods;
    const byPayer = await pay({ totalAmount: 7, payerOrPaymentMethodId: payerId });
    expect(byPayer.body.paymentMethodType).toBe(0);
    const byMethod = await pay({ totalAmount: 7, payerOrPaymentMethodId: check.id });
    expect(byMethod.body.paymentMethodType).toBe(1);
    expect(card.isPrimary).toBe(true);
    expect((await pay({ totalAmount: 7, payerOrPaymentMethodId: "unknown-id" })).status).toBe(404);
  });

  it("voids an unsettled payment and refunds a settled one in full", async () => {
    const first = (await pay({ totalAmount: 40, creditCard: VALID_CARD })).body.paymentID;
    const voided = await h.withToken("payment/refund", accessId, { paymentId: first });
    expect(voided.body).toEqual({ success: true, paymentId: first, refundPaymentId: null, action: "Void", amount: 40 });
    expect((await h.withToken("payment/refund", accessId, { paymentId: first })).status).toBe(400);

    const second = (await pay({ totalAmount: 55.25, creditCard: VALID_CARD })).body.paymentID;
    await h.control("POST", "settle", { paymentId: second });
    const refunded = await h.withToken("refund", accessId, { paymentId: second, refundNote: "alias path" });
    expect(refunded.body).toMatchObject({ success: true, paymentId: second, action: "Refund", amount: 55.25 });
    expect(Number(refunded.body.refundPaymentId)).toBeGreaterThan(Number(second));
  });

  it("a partly refunded payment needs enableRemainingAmountRefunds, then refunds the remainder", async () => {
    const paymentId = (await pay({ totalAmount: 90, creditCard: VALID_CARD })).body.paymentID;
    await h.control("POST", "payments/partial-refund", { paymentId, amount: 30 });
    const refused = await h.withToken("payment/refund", accessId, { paymentId, enableRemainingAmountRefunds: false });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/already been partially refunded/);
    const remainder = await h.withToken("payment/refund", accessId, { paymentId, enableRemainingAmountRefunds: true });
    expect(remainder.body).toMatchObject({ action: "Refund", amount: 60 });
  });

  it("refund needs a paymentId (400), a known one (404), and a declined payment cannot be refunded", async () => {
    expect((await h.withToken("payment/refund", accessId, {})).status).toBe(400);
    expect((await h.withToken("payment/refund", accessId, { paymentId: "99999999" })).status).toBe(404);
    const declined = (await pay({ totalAmount: 3, creditCard: DECLINING_CARD })).body.paymentID;
    expect((await h.withToken("payment/refund", accessId, { paymentId: declined })).status).toBe(400);
  });

  it("payment ids keep increasing after the seeded history", async () => {
    const a = Number((await pay({ totalAmount: 1, creditCard: VALID_CARD })).body.paymentID);
    const b = Number((await pay({ totalAmount: 1, creditCard: VALID_CARD })).body.paymentID);
    expect(b).toBe(a + 1);
    expect(a).toBeGreaterThan(10_000_000 + 4_999);
  });
});

describe("ClientPay emulator: payers and payment methods (docs/clientpay-api.md, Payers)", () => {
  let h: EmulatorHarness;
  let accessId: string;
  beforeEach(async () => {
    h = emulatorHarness();
    accessId = await h.newAccessId();
  });

  // The payer example of ClientPay's documentation (its email was redacted; any address works).
  const DOC_PAYER = {
    firstName: "Jack", lastName: "Wyman", businessName: "Wyman Corp.", payerName: "firstLast", emails: ["jack@example.test"],
    payerAddress: { addressLine1: "123 Main St", phoneNumber: "123-123-1234", city: "Shreveport", state: "LA", zipCode: "71101", country: "USA" },
  };

  it("creates the documented payer, storing payerName as the integer", async () => {
    const created = await h.withToken("payer", accessId, { payer: DOC_PAYER });
    expect(created.body).toEqual({ success: true, payerId: expect.any(String) });
    expect(h.emulator.store.payers.get(created.body.payerId)?.payerName).toBe(1);
  });

  it("needs one of firstName/lastName/businessName and a valid state; zipCode is not validated", async () => {
    expect((await h.withToken("payer", accessId, { payer: { emails: ["a@b.c"] } })).status).toBe(400);
    expect((await h.withToken("payer", accessId, { payer: { businessName: "X", payerAddress: { state: "XX" } } })).status).toBe(400);
    expect((await h.withToken("payer", accessId, { payer: { businessName: "X", payerAddress: { state: "LA", zipCode: "abc" } } })).status).toBe(200);
    expect((await h.withToken("payer", accessId, { payer: { lastName: "Y", payerName: "sometimes" } })).status).toBe(400);
  });

  it("updates and deletes a payer; unknown ids are 404", async () => {
    const payerId = (await h.withToken("payer", accessId, { payer: DOC_PAYER })).body.payerId;
    expect((await h.withToken("payer/update", accessId, { payerId, payer: { businessName: "Renamed" } })).body).toEqual({ success: true, payerId });
    expect(h.emulator.store.payers.get(payerId)?.businessName).toBe("Renamed");
    expect((await h.withToken("payer/update", accessId, { payerId: "nope", payer: { firstName: "A" } })).status).toBe(404);
    expect((await h.withToken("payer/delete", accessId, { payerId })).body).toEqual({ success: true, payerId });
    expect((await h.withToken("payer/delete", accessId, { payerId })).status).toBe(404);
  });

  it("refuses a method with both creditCard and eCheck and saves nothing", async () => {
    const payerId = (await h.withToken("payer", accessId, { payer: DOC_PAYER })).body.payerId;
    const both = await h.withToken("payer/paymentmethods", accessId, {
      payerId,
      paymentMethods: [{ creditCard: VALID_CARD }, { creditCard: VALID_CARD, eCheck: { nameOnAccount: "J", routingNumber: "123456789", accountNumber: "1234" } }],
    });
    expect(both.status).toBe(400);
    expect(h.emulator.store.payers.get(payerId)?.methods).toHaveLength(0);
    expect((await h.withToken("payer/paymentmethods", accessId, { payerId: "nope", paymentMethods: [{ creditCard: VALID_CARD }] })).status).toBe(404);
  });

  it("keeps one primary method: making M2 primary clears M1; update changes only allowed fields", async () => {
    const payerId = (await h.withToken("payer", accessId, { payer: DOC_PAYER })).body.payerId;
    const added = await h.withToken("payer/paymentmethods", accessId, {
      payerId,
      paymentMethods: [{ creditCard: VALID_CARD, isPrimary: true }, { creditCard: { ...VALID_CARD, cardNumber: "5555555555554444" } }],
    });
    const [m1, m2] = added.body.paymentMethods;
    expect([m1.isPrimary, m2.isPrimary]).toEqual([true, false]);
    const updated = await h.withToken("payer/paymentmethods/update", accessId, {
      paymentMethods: [{ id: m2.id, isPrimary: true, creditCard: { cardholderName: "New Name", expirationDateYear: 2031 } }],
    });
    expect(updated.body.paymentMethods).toEqual([{ id: m2.id, isPrimary: true }]);
    const methods = h.emulator.store.payers.get(payerId)!.methods;
    expect(methods.map((method) => method.isPrimary)).toEqual([false, true]);
    expect(methods[1]).toMatchObject({ cardholderName: "New Name", expirationDateYear: 2031 });
    expect((await h.withToken("payer/paymentmethods/update", accessId, { paymentMethods: [{ id: "nope" }] })).status).toBe(404);
    expect((await h.withToken("payer/paymentmethods/update", accessId, { paymentMethods: [{}] })).status).toBe(400);
  });
});

describe("ClientPay emulator: settlement on a schedule, and what a refund or void records", () => {
  it("with settleAfterSeconds, a payment is voided before its settlement time and refunded after", async () => {
    let clock = new Date("2026-03-02T15:00:00Z");
    const h = emulatorHarness({ now: () => clock, settleAfterSeconds: 600 });
    const accessId = await h.newAccessId();
    const pay = async () => (await h.withToken("payment", accessId, { totalAmount: 80, creditCard: VALID_CARD })).body.paymentID as string;
    const early = await pay();
    const late = await pay();
    clock = new Date(clock.getTime() + 599_000);
    expect((await h.withToken("payment/refund", accessId, { paymentId: early })).body.action).toBe("Void");
    clock = new Date(clock.getTime() + 1_000);
    const refunded = await h.withToken("payment/refund", accessId, { paymentId: late, refundNote: "Client overpaid", orderId: "ORD-1" });
    expect(refunded.body).toMatchObject({ action: "Refund", amount: 80 });
    const latest = (await h.control("GET", `payments/${late}`)).body;
    expect(latest).toMatchObject({
      paymentStatus: "Refunded",
      isSettled: true,
      settledDateUtc: "2026-03-02T15:10:00.0000000Z",
      refundedAmount: 80,
      refunds: [{ action: "Refund", amount: 80, refundNote: "Client overpaid", orderId: "ORD-1", refundPaymentId: refunded.body.refundPaymentId, requestID: expect.any(String) }],
    });
    expect((await h.control("GET", `payments/${early}`)).body).toMatchObject({ paymentStatus: "Voided", isSettled: false, refunds: [{ action: "Void", amount: 80, refundPaymentId: null }] });
  });

  it("the settlement policy can be changed and read through the control plane, and settle takes an account", async () => {
    const h = emulatorHarness();
    const operating = await h.newAccessId();
    const trust = await h.newAccessId(TRUST);
    const first = (await h.withToken("payment", operating, { totalAmount: 5, creditCard: VALID_CARD })).body.paymentID;
    const second = (await h.withToken("payment", trust, { totalAmount: 5, creditCard: VALID_CARD })).body.paymentID;
    expect((await h.control("GET", "settlement")).body).toEqual({ settlement: { afterSeconds: null } });
    expect((await h.control("POST", "settle", { account: "sandbox-trust" })).body.settled).toBeGreaterThanOrEqual(1);
    expect((await h.control("GET", `payments/${second}`)).body.isSettled).toBe(true);
    expect((await h.control("GET", `payments/${first}`)).body.isSettled).toBe(false);
    expect((await h.control("PUT", "settlement", { afterSeconds: 0 })).body).toEqual({ settlement: { afterSeconds: 0 } });
    expect((await h.control("GET", `payments/${first}`)).body.isSettled).toBe(true);
    expect((await h.control("POST", "settle", { account: "nobody" })).status).toBe(400);
    expect((await h.control("PUT", "settlement", { afterSeconds: -1 })).status).toBe(400);
    await h.control("POST", "reset");
    expect((await h.control("GET", "settlement")).body.settlement.afterSeconds).toBeNull();
  });

  it("an in-app partial refund makes the payment PartiallyRefunded; the remainder refund makes it Refunded", async () => {
    const h = emulatorHarness();
    const accessId = await h.newAccessId();
    const paymentId = (await h.withToken("payment", accessId, { totalAmount: 90, creditCard: VALID_CARD })).body.paymentID;
    await h.control("POST", "payments/partial-refund", { paymentId, amount: 30, note: "Goodwill" });
    expect((await h.control("GET", `payments/${paymentId}`)).body).toMatchObject({ paymentStatus: "PartiallyRefunded", refundedAmount: 30, isSettled: true, refunds: [{ action: "PartialRefund", amount: 30, refundNote: "Goodwill" }] });
    await h.withToken("payment/refund", accessId, { paymentId, enableRemainingAmountRefunds: true, refundNote: "Rest" });
    const after = (await h.control("GET", `payments/${paymentId}`)).body;
    expect(after).toMatchObject({ paymentStatus: "Refunded", refundedAmount: 90 });
    expect(after.refunds.map((refund: { action: string; amount: number }) => [refund.action, refund.amount])).toEqual([["PartialRefund", 30], ["Refund", 60]]);
  });
});
