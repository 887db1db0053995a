import { describe, expect, it } from "vitest";
import { errorInSuccessBody, parseRateLimitHeader } from "./errors";
import { gatewayLocalToIso, toBatch, toTransaction } from "./mappers";
import { centsToWireMoney, wireMoneyToCents } from "./money";
import { transactionSchema } from "./schemas";

describe("money", () => {
  it("parses wire money without float errors", () => {
    expect(wireMoneyToCents("29.99")).toBe(2999);
    expect(wireMoneyToCents("5")).toBe(500);
    expect(wireMoneyToCents(128.5)).toBe(12850);
    expect(wireMoneyToCents("0.1")).toBe(10);
    expect(wireMoneyToCents("-4.00")).toBe(-400);
    expect(wireMoneyToCents("abc")).toBeUndefined();
    expect(centsToWireMoney(2999)).toBe("29.99");
    expect(centsToWireMoney(5)).toBe("0.05");
    expect(() => centsToWireMoney(1.5)).toThrow();
  });
});

describe("X-Rate-Limit", () => {
  it("parses the documented quoted format", () => {
    expect(parseRateLimitHeader('"8 of 45/min; 8 of 5000/day"')).toEqual({ minuteLimit: 45, minuteRemaining: 37, dayLimit: 5000, dayRemaining: 4992 });
    expect(parseRateLimitHeader("garbage")).toBeUndefined();
  });
});

describe("wire tolerance", () => {
  it("accepts the live sample with number batchrefnum, string refnum and no created", () => {
    const live = {
      type: "transaction", key: "enfy1zj9dh3cdjc", refnum: "3225593736", is_duplicate: "N", result_code: "A", result: "Approved", authcode: "277588",
      creditcard: { type: "V", number: "4000xxxxxxxx2224", category_code: "A", entry_mode: "Card Not Present, Manually Keyed" },
      invoice: "INV-001", avs: { result_code: "YYY", result: "Address: Match & 5 Digit Zip: Match" }, cvc: { result_code: "M", result: "Match" },
      batch: { type: "batch", key: "ct189xsq1m3kdbp", batchrefnum: 542814, sequence: "279" }, auth_amount: "29.99",
      amount_detail: { tip: "1.50", tax: "2.50", shipping: "1.00", subtotal: "24.99" },
      savedcard: { type: "Visa", key: "mq96-iisr-f0e8-6w78", cardnumber: "4000xxxxxxxx2224", expiration: "0930" },
      trantype: "Credit Card Sale", receipts: { customer: "Mail Sent Successfully" },
    };
    const tx = toTransaction(transactionSchema.parse(live));
    expect(tx).toMatchObject({ outcome: "approved", authAmountCents: 2999, taxCents: 250, tipCents: 150, batch: { refnum: "542814", sequence: "279" }, savedCardToken: "mq96-iisr-f0e8-6w78", isDuplicate: false });
  });

  it("drops the blank refund AVS and reads declines' integer error_code", () => {
    const tx = toTransaction(transactionSchema.parse({ key: "k", refnum: 12, result_code: "D", error: "Card Declined (F)", error_code: "10127", avs: { result_code: "   ", result: "Unmapped AVS response (   )" } }));
    expect(tx).toMatchObject({ outcome: "declined", errorCode: 10127, refnum: "12" });
    expect(tx.avs).toBeUndefined();
  });

  it("reads batch detail numbers and list-item strings alike", () => {
    expect(toBatch({ key: "b", status: "open", total_amount: 128.5, sales_amount: 132.5, sales_count: 6, refunds_amount: 4, refunds_count: 2 })).toMatchObject({ status: "open", netCents: 12850, salesCents: 13250, refundsCents: 400, salesCount: 6 });
    expect(toBatch({ key: "b", closed: "2026-03-26 13:01:37", sales: "10.00", sales_count: "2", credits: "1.00", credits_count: "1" })).toMatchObject({ status: "closed", netCents: 900, refundsCount: 1 });
  });

  it("converts gateway-local Los Angeles time to UTC across DST", () => {
    expect(gatewayLocalToIso("2026-01-15 10:00:00")).toBe("2026-01-15T18:00:00.000Z");
    expect(gatewayLocalToIso("2026-07-15 10:00:00")).toBe("2026-07-15T17:00:00.000Z");
    expect(gatewayLocalToIso("0000-00-00 00:00:00")).toBeUndefined();
  });
});

describe("errorInSuccessBody", () => {
  it("treats {error, errorcode} without result_code as an error even with HTTP 200", () => {
    const error = errorInSuccessBody({ error: "Customer Not Found", errorcode: 40030 }, { status: 200, headers: new Headers() });
    expect(error).toMatchObject({ kind: "not_found", upstreamCode: "40030" });
    expect(errorInSuccessBody({ result_code: "D", error: "Card Declined (F)", error_code: 10127 }, { status: 200, headers: new Headers() })).toBeUndefined();
    expect(errorInSuccessBody({ type: "list", data: [] }, { status: 200, headers: new Headers() })).toBeUndefined();
  });
});
