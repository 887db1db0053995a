import { describe, expect, it } from "vitest";
import { formatAgeAt, formatCents, formatDateTime } from "./format";

describe("format", () => {
  it("turns integer cents into dollars without float drift", () => {
    expect(formatCents(1999)).toBe("$19.99");
    expect(formatCents(10)).toBe("$0.10");
    expect(formatCents(-250)).toBe("-$2.50");
    expect(formatCents(123456789)).toBe("$1,234,567.89");
  });

  it("states times in UTC", () => {
    expect(formatDateTime(new Date("2026-03-04T05:06:07Z"))).toBe("2026-03-04 05:06 UTC");
  });

  it("says how long ago, against the given clock", () => {
    const now = Date.parse("2026-03-04T05:06:07Z");
    expect(formatAgeAt("2026-03-04T05:05:58Z", now)).toBe("9 s ago");
    expect(formatAgeAt(new Date(now - 3 * 60_000), now)).toBe("3 min ago");
    expect(formatAgeAt(new Date(now - 2 * 3600_000 - 5), now)).toBe("2 h ago");
    expect(formatAgeAt(new Date(now + 5000), now)).toBe("0 s ago");
  });
});
