import { describe, expect, it } from "vitest";
import { currentPageStatus } from "./pages";
import { createSeed } from "./seed";
import { FIXED_ANCHOR } from "./testing";

describe("ClientPay emulator: the demo seed", () => {
  const seed = createSeed(FIXED_ANCHOR);
  const ofAccount = (account: string) => seed.payments.filter((payment) => payment.account === account);

  it("keeps 3000 operating and 2000 trust payments, every one with a payer name and email", () => {
    expect(ofAccount("operating")).toHaveLength(3000);
    expect(ofAccount("trust")).toHaveLength(2000);
    expect(seed.payments.every((payment) => payment.payerName && /@example\.(com|net|org)$/.test(payment.payerEmail ?? ""))).toBe(true);
    expect(seed.payments.filter((payment) => payment.invoiceNumbers.length > 0).length).toBeGreaterThan(3000);
    expect(seed.payments.some((payment) => payment.invoiceNumbers.length === 2)).toBe(true);
    expect(seed.payments.some((payment) => payment.orderId?.startsWith("ORD-"))).toBe(true);
  });

  it("has every status and method, settled history, a recent unsettled day, and refunds that add up", () => {
    for (const account of ["operating", "trust"]) {
      const statuses = new Set(ofAccount(account).map((payment) => payment.status));
      expect([...statuses].sort()).toEqual(["Approved", "Declined", "PartiallyRefunded", "Refunded", "Voided"]);
      expect(new Set(ofAccount(account).map((payment) => payment.methodType))).toEqual(new Set([0, 1]));
    }
    const recentFrom = FIXED_ANCHOR.getTime() - 30 * 3_600_000;
    const unsettled = seed.payments.filter((payment) => payment.status === "Approved" && !payment.settledAt);
    expect(unsettled.length).toBeGreaterThan(0);
    expect(unsettled.every((payment) => payment.paymentDate.getTime() >= recentFrom)).toBe(true);
    for (const payment of seed.payments) {
      const refunded = payment.refunds.filter((refund) => refund.action !== "Void").reduce((sum, refund) => sum + refund.amountCents, 0);
      expect(payment.refundedCents).toBe(refunded);
      if (payment.status === "Refunded") expect(refunded).toBe(payment.amountCents);
      if (payment.status === "PartiallyRefunded") expect(refunded).toBeLessThan(payment.amountCents);
      if (payment.refundedCents > 0) expect(payment.settledAt).not.toBeNull();
      if (payment.status === "Declined" || payment.status === "Voided") expect(payment.settledAt).toBeNull();
    }
  });

  it("refund transactions continue the id sequence without colliding with payment ids", () => {
    const ids = [...seed.payments.map((payment) => payment.paymentId), ...seed.payments.flatMap((payment) => payment.refunds.map((refund) => refund.refundPaymentId).filter(Boolean))];
    expect(new Set(ids).size).toBe(ids.length);
    expect(seed.nextPaymentId).toBe(10_000_001 + ids.length);
  });

  it("has open, paid and expired invoice pages and an open payer page per account, paid ones linked to their payment", () => {
    const readAt = new Date(FIXED_ANCHOR.getTime() + 86_400_000);
    for (const account of ["operating", "trust"]) {
      const pages = seed.pages.filter((page) => page.account === account);
      const statuses = pages.map((page) => `${page.kind}:${currentPageStatus(page, readAt)}`).sort();
      expect(statuses).toEqual([
        ...Array(3).fill("invoice:Completed"),
        ...Array(3).fill("invoice:Expired"),
        ...Array(4).fill("invoice:Active"),
        "payer:Active",
      ].sort());
      for (const page of pages.filter((entry) => entry.status === "Completed")) {
        const payment = seed.payments.find((entry) => entry.paymentId === page.paymentId)!;
        expect(payment).toMatchObject({ requestId: page.requestId, pageRequestId: page.requestId, status: "Approved", amountCents: page.amountCents });
      }
    }
  });

  it("gives each account 30 payers with a primary card, every third with an eCheck too", () => {
    for (const account of ["operating", "trust"]) {
      const payers = seed.payers.filter((payer) => payer.account === account);
      expect(payers).toHaveLength(30);
      expect(payers.every((payer) => payer.methods.filter((method) => method.isPrimary).length === 1 && payer.emails.length === 1)).toBe(true);
      expect(payers.filter((payer) => payer.methods.some((method) => method.kind === "eCheck"))).toHaveLength(10);
    }
  });

  it("is the same on every run for the same anchor", () => {
    expect(JSON.stringify(createSeed(FIXED_ANCHOR))).toBe(JSON.stringify(createSeed(new Date(FIXED_ANCHOR))));
  });
});
