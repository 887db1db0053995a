import { describe, expect, it } from "vitest";
import { signedCents, transactionKind, transactionTypeOf } from "./transaction-types";

describe("transaction kinds (docs/usaepay-api.md, Transaction objects)", () => {
  it.each([
    [{ typeCode: "S", statusCode: "P" }, "sale"],
    [{ typeCode: "L", statusCode: "S" }, "sale"],
    [{ typeCode: "A", statusCode: "N" }, "auth-only"],
    [{ typeCode: "C", statusCode: "P", refundOfKey: "abc" }, "refund"],
    [{ typeCode: "C", statusCode: "P" }, "credit"],
    [{ typeCode: "R", statusCode: "P", isCheck: true, refundOfKey: "abc" }, "refund"],
    [{ typeCode: "K", statusCode: "B", isCheck: true }, "check"],
    [{ typeCode: "V", statusCode: "V" }, "void"],
    [{ typeCode: "Z", statusCode: "V", refundOfKey: "abc" }, "void"],
    [{ typeCode: "S", statusCode: "R" }, "void"],
    // On a check, R is "returned", not "funds released".
    [{ typeCode: "K", statusCode: "R", isCheck: true }, "check"],
    [{ typeCode: "K", statusCode: "V", isCheck: true }, "void"],
    [{ typeCode: "G", statusCode: "P" }, "other"],
    [{ statusCode: "P" }, "other"],
  ])("%j is a %s", (facts, kind) => {
    expect(transactionKind({ isCheck: false, ...facts })).toBe(kind);
  });

  it("shows money out as negative and reads unknown kinds as other", () => {
    expect(signedCents("refund", 1250)).toBe(-1250);
    expect(signedCents("credit", 100)).toBe(-100);
    expect(signedCents("sale", 1250)).toBe(1250);
    expect(signedCents("void", 1250)).toBe(1250);
    expect(signedCents(null, 5)).toBe(5);
    expect(transactionTypeOf("nonsense")).toBe("other");
  });
});
