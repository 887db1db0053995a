import { describe, expect, it } from "vitest";
import { planRefund, refusalOf } from "./clientpay-refund-rules";

const payment = (overrides: Partial<Parameters<typeof planRefund>[0]> = {}) => ({ status: "Approved", amountCents: 10_000, refundedCents: 0, isSettled: false, ...overrides });

describe("what a Full Refund/Void would do", () => {
  it("voids an unsettled payment in full and refunds a settled one", () => {
    expect(planRefund(payment())).toEqual({ allowed: true, action: "void", amountCents: 10_000, remainingOnly: false });
    expect(planRefund(payment({ isSettled: true }))).toEqual({ allowed: true, action: "refund", amountCents: 10_000, remainingOnly: false });
  });

  it("refunds only what remains of a partly refunded payment, and only when staff confirm that", () => {
    const plan = planRefund(payment({ status: "PartiallyRefunded", isSettled: true, refundedCents: 2_500 }));
    expect(plan).toEqual({ allowed: true, action: "refund", amountCents: 7_500, remainingOnly: true });
    expect(refusalOf(plan, false)).toMatch(/Refund the remaining amount/);
    expect(refusalOf(plan, true)).toBeNull();
    expect(refusalOf(planRefund(payment()), false)).toBeNull();
  });

  it("lets ClientPay decide when it did not say whether the payment settled", () => {
    expect(planRefund(payment({ isSettled: null }))).toMatchObject({ allowed: true, action: "either", amountCents: 10_000 });
  });

  it.each([
    ["Declined", {}, "declined"],
    ["Voided", {}, "voided"],
    ["Refunded", { isSettled: true, refundedCents: 10_000 }, "refunded"],
    ["Approved", { isSettled: true, refundedCents: 10_000 }, "refunded"],
    ["Pending", {}, "unknown_status"],
  ])("refuses a %s payment (%o) as %s", (status, overrides, code) => {
    const plan = planRefund(payment({ status, ...overrides }));
    expect(plan).toMatchObject({ allowed: false, code });
    expect(refusalOf(plan, true)).toEqual(expect.any(String));
  });
});
