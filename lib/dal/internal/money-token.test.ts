import { describe, expect, it } from "vitest";
import { checkMoneyToken, issueMoneyToken, MONEY_TOKEN_LIFETIME_MS } from "./money-token";

const binding = { viewerId: "user-1", merchantId: "merchant-1", operation: "usaepay.refund", targetKey: "txn-1" };
const NOW = 1_800_000_000_000;

describe("money form tokens", () => {
  it("accepts a token for exactly what it was issued for, and names its nonce", () => {
    const token = issueMoneyToken(binding, NOW);
    const check = checkMoneyToken(token, binding, NOW + 1000);
    expect(check.ok).toBe(true);
    expect(check.ok && check.nonce).toBe(token.split(".")[0]);
  });

  it("issues a different nonce every time", () => {
    expect(issueMoneyToken(binding, NOW).split(".")[0]).not.toBe(issueMoneyToken(binding, NOW).split(".")[0]);
  });

  it("with a generation, forms issued between two attempts share one nonce (a second tab replays the first)", () => {
    const first = issueMoneyToken(binding, NOW, { generation: 3 });
    const secondTab = issueMoneyToken(binding, NOW + 60_000, { generation: 3 });
    expect(first.split(".")[0]).toBe(secondTab.split(".")[0]);
    expect(checkMoneyToken(secondTab, binding, NOW + 61_000)).toEqual({ ok: true, nonce: first.split(".")[0] });
    // After an attempt the generation moves on, and so does the nonce.
    expect(issueMoneyToken(binding, NOW, { generation: 4 }).split(".")[0]).not.toBe(first.split(".")[0]);
    // Another viewer or target never shares it.
    expect(issueMoneyToken({ ...binding, viewerId: "user-2" }, NOW, { generation: 3 }).split(".")[0]).not.toBe(first.split(".")[0]);
    expect(issueMoneyToken({ ...binding, targetKey: "txn-2" }, NOW, { generation: 3 }).split(".")[0]).not.toBe(first.split(".")[0]);
  });

  it.each([
    ["another viewer", { viewerId: "user-2" }],
    ["another account", { merchantId: "merchant-2" }],
    ["another operation", { operation: "usaepay.void" }],
    ["another transaction", { targetKey: "txn-2" }],
  ])("refuses a token issued for %s", (_label, change) => {
    const token = issueMoneyToken(binding, NOW);
    expect(checkMoneyToken(token, { ...binding, ...change }, NOW)).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses a token whose expiry was edited", () => {
    const [nonce, expires, signature] = issueMoneyToken(binding, NOW).split(".");
    expect(checkMoneyToken(`${nonce}.${Number(expires) + 3_600_000}.${signature}`, binding, NOW)).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses an expired token (by the injected clock)", () => {
    const token = issueMoneyToken(binding, NOW);
    expect(checkMoneyToken(token, binding, NOW + MONEY_TOKEN_LIFETIME_MS - 1).ok).toBe(true);
    expect(checkMoneyToken(token, binding, NOW + MONEY_TOKEN_LIFETIME_MS)).toEqual({ ok: false, reason: "expired" });
  });

  it.each(["", "abc", "a.b.c", "a.b.c.d", `${"x".repeat(24)}.soon.sig`])("calls %j malformed", (token) => {
    expect(checkMoneyToken(token, binding, NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});
