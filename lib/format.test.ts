import { describe, expect, it } from "vitest";
import { centsToDecimal, formatAgeAt, formatCents, formatDateTime, formatDateTimeWithZone, formatRatio } from "./format";

describe("format", () => {
  it("turns integer cents into dollars without float drift", () => {
    expect(formatCents(1999)).toBe("$19.99");
    expect(formatCents(10)).toBe("$0.10");
    expect(formatCents(-250)).toBe("-$2.50");
    expect(formatCents(123456789)).toBe("$1,234,567.89");
  });

  it("states times in the zone it is given", () => {
    expect(formatDateTime(new Date("2026-03-04T05:06:07Z"), "UTC")).toBe("2026-03-04 05:06");
    expect(formatDateTime("2026-03-04T05:06:07Z", "America/New_York")).toBe("2026-03-04 00:06");
    expect(formatDateTimeWithZone("2026-03-04T05:06:07Z", "America/New_York")).toBe("2026-03-04 00:06 UTC−5");
  });

  it("writes cents as plain decimals for files, and ratios as percentages", () => {
    expect(centsToDecimal(1999)).toBe("19.99");
    expect(centsToDecimal(-5)).toBe("-0.05");
    expect(centsToDecimal(100000)).toBe("1000.00");
    expect(formatRatio(0.9234)).toBe("92.3%");
    expect(formatRatio(null)).toBe("—");
  });

  it("says how long ago, against the given clock", () => {
    const now = Date.parse("2026-03-04T05:06:07Z");
    expect(formatAgeAt("2026-03-04T05:05:58Z", now)).toBe("9 s ago");
    expect(formatAgeAt(new Date(now - 3 * 60_000), now)).toBe("3 min ago");
    expect(formatAgeAt(new Date(now - 2 * 3600_000 - 5), now)).toBe("2 h ago");
    expect(formatAgeAt(new Date(now + 5000), now)).toBe("0 s ago");
  });
});
