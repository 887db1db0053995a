import { describe, expect, it } from "vitest";
import { connectSearchWire, invoicePageWire, paymentWire } from "./requests";
import { toWireGroup } from "./search";

describe("ClientPay request mappers", () => {
  it("turns a search filter into the documented numeric criteria and nests groups", () => {
    expect(
      toWireGroup({
        type: "or",
        conditions: [
          { field: "paymentId", operator: "eq", value: "100100100" },
          { type: "and", conditions: [{ field: "paymentDate", operator: "lte", value: "2026-01-01" }] },
        ],
      }),
    ).toEqual({
      type: "or",
      conditions: [
        { criteria: { field: 2, operator: 1, value: "100100100" } },
        { group: { type: "and", conditions: [{ criteria: { field: 4, operator: 6, value: "2026-01-01" } }] } },
      ],
    });
  });

  it("converts cents to decimal amounts and puts the request id in token", () => {
    const body = invoicePageWire("req-1", {
      sessionId: "154321",
      invoices: [{ invoiceNumber: "1", invoiceDate: "2019-10-15", outstandingBalanceCents: 110_000, taxCents: 10_000, clientId: "123" }],
    });
    expect(body.token).toEqual({ requestId: "req-1", sessionId: "154321", customerId: undefined });
    expect(body.invoices[0]).toMatchObject({ outstandingBalance: 1100, tax: 100, clientID: "123", paymentAmount: undefined });
    expect(paymentWire("req-2", { totalAmountCents: 1999, payerOrPaymentMethodId: "p" })).toMatchObject({ totalAmount: 19.99, token: { requestId: "req-2" } });
    expect(connectSearchWire({ connectOption: "3e", searchBy: "matter", searchText: "M-1", filterBy: "client", filterText: "300" })).toEqual({
      connectOption: 3, searchOption: 2, searchText: "M-1", filterOption: 3, filterText: "300",
    });
  });
});
