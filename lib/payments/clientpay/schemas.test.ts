import { describe, expect, it } from "vitest";
import {
  accessIdResponse,
  acknowledgementResponse,
  connectSearchResponse,
  countResponse,
  paymentResponse,
  refundResponse,
  searchResultsResponse,
  validityResponse,
} from "./schemas";

// The real service's bodies are undocumented (docs/clientpay-api.md, "Responses and errors"): these prove the client's leniency.
describe("ClientPay wire schemas", () => {
  it("reads an access id from a bare JSON string or any key casing", () => {
    expect(accessIdResponse.parse("abc-123")).toEqual({ success: true, value: "abc-123" });
    expect(accessIdResponse.parse({ success: true, accessId: "a" }).value).toBe("a");
    expect(accessIdResponse.parse({ AccessId: "b" }).value).toBe("b");
    expect(accessIdResponse.parse({ accessID: "c" }).value).toBe("c");
    expect(accessIdResponse.safeParse({ success: true }).success).toBe(false);
    expect(accessIdResponse.safeParse("").success).toBe(false);
  });

  it("reads the documented postback payload into cents, with numeric or string ids and amounts", () => {
    const doc = {
      success: true, requestID: "f2467932-f431-4fd6-8b7b-a8df1e499c6a", paymentID: "11546095", sessionID: null, customerRefNumber: null,
      paymentStatus: "Approved", paymentPageUrlStatus: "Completed", paymentDate: "2020-05-01T09:27:10.7631475-05:00",
      paymentDateUtc: "2020-05-01T14:27:10.7631475Z", paymentMethodType: 0, statusByType: 0, paymentAmount: 2200,
      paymentTaxAmount: 0, surchargeAmount: 0, paymentPageUrl: "https://app.clientpay.com/app/api/#/invoicePaymentPage/f2467932-f431-4fd6-8b7",
    };
    const parsed = paymentResponse.parse(doc).payment;
    expect(parsed).toMatchObject({ paymentId: "11546095", amountCents: 220_000, paymentStatus: "Approved", paymentPageUrlStatus: "Completed", method: "card" });
    // The request id comes out wrapped: readable on purpose, masked everywhere else.
    expect(parsed.requestId?.reveal()).toBe(doc.requestID);
    expect(JSON.stringify(parsed)).not.toContain(doc.requestID);
    expect(`${parsed.requestId}`).toBe("[ClientPay request ID]");
    const loose = paymentResponse.parse({ PaymentId: 42, PAYMENTAMOUNT: "19.99", paymentstatus: "Declined", success: false });
    expect(loose).toMatchObject({ success: false, payment: { paymentId: "42", amountCents: 1999, paymentStatus: "Declined" } });
    expect(paymentResponse.safeParse({ paymentAmount: "lots" }).success).toBe(false);
  });

  it("accepts search results as an object or a bare array, and a count as a bare number", () => {
    expect(searchResultsResponse.parse([{ paymentID: 1, paymentAmount: 1.5 }]).payments[0]).toMatchObject({ paymentId: "1", amountCents: 150 });
    expect(searchResultsResponse.parse({ Payments: [{ PaymentID: "2" }] }).payments[0]!.paymentId).toBe("2");
    expect(countResponse.parse(7).count).toBe(7);
    expect(countResponse.parse({ Count: 9 }).count).toBe(9);
    expect(countResponse.safeParse({ count: -1 }).success).toBe(false);
  });

  it("reads validity, acknowledgements, refunds and connect invoices", () => {
    expect(validityResponse.parse({ IsValid: false }).isValid).toBe(false);
    expect(validityResponse.safeParse({ success: true }).success).toBe(false);
    expect(acknowledgementResponse.parse({}).success).toBeUndefined();
    expect(refundResponse.parse({ paymentId: "5", action: "Refund", amount: "12.30", refundPaymentId: 6 })).toEqual({
      success: undefined, paymentId: "5", refundPaymentId: "6", action: "Refund", amountCents: 1230,
    });
    expect(refundResponse.parse({ action: "Something" }).action).toBeNull();
    const invoices = connectSearchResponse.parse({ invoices: [{ InvoiceNumber: 5001, outstandingBalance: 10.1, clientID: "300" }] }).invoices;
    expect(invoices[0]).toMatchObject({ invoiceNumber: "5001", outstandingBalanceCents: 1010, clientId: "300" });
  });
});
