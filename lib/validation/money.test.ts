import { describe, expect, it } from "vitest";
import { centsToDollarsText, dollarAmount, optionalDollarAmount, parseDollars } from "./money";

describe("parseDollars: dollars as typed → integer cents", () => {
  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["12.50", 1250],
    ["0.29", 29],
    ["0.07", 7],
    [".5", 50],
    ["5.", 500],
    ["$1,200.50", 120050],
    ["$ 3", 300],
    ["  19.99 ", 1999],
    ["1,234,567.89", 123456789],
    ["007.10", 710],
    ["0", 0],
    ["999999999.99", 99999999999],
  ])("%s → %i", (input, cents) => {
    expect(parseDollars(input)).toEqual({ ok: true, cents });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["$", "empty"],
    ["-5", "negative"],
    ["$-5", "negative"],
    ["-$5", "negative"],
    ["(5.00)", "negative"],
    ["abc", "format"],
    ["1,5", "format"],
    ["12,00.00", "format"],
    ["1.2.3", "format"],
    ["1e3", "format"],
    [".", "format"],
    ["12.345", "precision"],
    ["0.001", "precision"],
    ["1234567890", "too_large"],
  ])("%j is refused (%s)", (input, problem) => {
    expect(parseDollars(input)).toEqual({ ok: false, problem });
  });

  it("never goes through floating point: every cent of a dollar round-trips", () => {
    for (let cents = 0; cents < 100; cents += 1) {
      const text = centsToDollarsText(10_000 + cents);
      expect(parseDollars(text)).toEqual({ ok: true, cents: 10_000 + cents });
    }
  });
});

describe("form amount fields", () => {
  it("a required amount must be more than zero and within the gateway's maximum", () => {
    expect(dollarAmount.safeParse("12.50")).toMatchObject({ success: true, data: 1250 });
    expect(dollarAmount.safeParse("0.00").error?.issues[0]?.message).toBe("The amount must be more than $0.00.");
    expect(dollarAmount.safeParse("100000").error?.issues[0]?.message).toMatch(/at most \$99,999\.00/);
    expect(dollarAmount.safeParse("99999").success).toBe(true);
    expect(dollarAmount.safeParse("12.345").error?.issues[0]?.message).toBe("Use at most two decimal places (cents).");
    expect(dollarAmount.safeParse("").error?.issues[0]?.message).toBe("Enter an amount.");
  });

  it("an optional amount treats an empty field as not given", () => {
    expect(optionalDollarAmount.safeParse("")).toMatchObject({ success: true, data: undefined });
    expect(optionalDollarAmount.safeParse(undefined)).toMatchObject({ success: true, data: undefined });
    expect(optionalDollarAmount.safeParse("4")).toMatchObject({ success: true, data: 400 });
    expect(optionalDollarAmount.safeParse("x").success).toBe(false);
  });

  it("prefills fields as plain dollars", () => {
    expect(centsToDollarsText(1250)).toBe("12.50");
    expect(centsToDollarsText(7)).toBe("0.07");
    expect(centsToDollarsText(100000)).toBe("1000.00");
  });
});
