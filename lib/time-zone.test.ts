import { describe, expect, it } from "vitest";
import { formatInZone, isTimeZone, nextDailyTime, offsetLabel, shiftDay, startOfNextZonedDay, startOfZonedDay, zonedDay, zonedDayRange } from "./time-zone";

const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

describe("time zones", () => {
  it("knows real zone names and refuses others", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("starts a day at local midnight, in UTC terms", () => {
    expect(startOfZonedDay("2026-01-15", "America/New_York").toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfZonedDay("2026-07-15", "America/New_York").toISOString()).toBe("2026-07-15T04:00:00.000Z");
    expect(startOfZonedDay("2026-01-15", "Asia/Kolkata").toISOString()).toBe("2026-01-14T18:30:00.000Z");
    expect(startOfZonedDay("2026-01-15", "UTC").toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("gives DST days 23 and 25 hours", () => {
    expect(hours(startOfZonedDay("2026-03-08", "America/New_York"), startOfNextZonedDay("2026-03-08", "America/New_York"))).toBe(23);
    expect(hours(startOfZonedDay("2026-11-01", "America/New_York"), startOfNextZonedDay("2026-11-01", "America/New_York"))).toBe(25);
    expect(hours(startOfZonedDay("2026-03-29", "Europe/Berlin"), startOfNextZonedDay("2026-03-29", "Europe/Berlin"))).toBe(23);
  });

  it("starts a day whose midnight DST skips at its first real moment", () => {
    // Chile moves from 00:00 to 01:00 on the first Sunday of September.
    const start = startOfZonedDay("2026-09-06", "America/Santiago");
    expect(formatInZone(start, "America/Santiago")).toBe("2026-09-06 01:00");
    expect(hours(start, startOfNextZonedDay("2026-09-06", "America/Santiago"))).toBe(23);
  });

  it("puts 23:30 local on that local day, though it is the next day in UTC", () => {
    const instant = new Date("2026-02-04T04:30:00.000Z"); // 23:30 on 3 Feb in New York
    expect(zonedDay(instant, "America/New_York")).toBe("2026-02-03");
    expect(zonedDay(instant, "UTC")).toBe("2026-02-04");
    const range = zonedDayRange("2026-02-03", "2026-02-03", "America/New_York")!;
    expect(range.gte!.getTime()).toBeLessThanOrEqual(instant.getTime());
    expect(range.lt!.getTime()).toBeGreaterThan(instant.getTime());
  });

  it("makes a filter's 'to' day inclusive and leaves open ends open", () => {
    expect(zonedDayRange(undefined, undefined, "UTC")).toBeUndefined();
    expect(zonedDayRange(undefined, "2026-02-03", "UTC")).toEqual({ lt: new Date("2026-02-04T00:00:00.000Z") });
    expect(zonedDayRange("2026-02-03", undefined, "Asia/Tokyo")).toEqual({ gte: new Date("2026-02-02T15:00:00.000Z") });
  });

  it("shifts calendar days across month ends and DST", () => {
    expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDay("2026-03-08", 1)).toBe("2026-03-09");
    expect(shiftDay("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("labels offsets and finds the next daily cut-off", () => {
    expect(offsetLabel("UTC")).toBe("UTC");
    expect(offsetLabel("America/New_York", "2026-01-15T12:00:00Z")).toBe("UTC−5");
    expect(offsetLabel("Asia/Kolkata", "2026-01-15T12:00:00Z")).toBe("UTC+5:30");
    const before = new Date("2026-01-15T20:00:00.000Z"); // 15:00 in New York
    expect(nextDailyTime("21:30", "America/New_York", before).toISOString()).toBe("2026-01-16T02:30:00.000Z");
    const after = new Date("2026-01-16T03:00:00.000Z"); // 22:00 in New York
    expect(nextDailyTime("21:30", "America/New_York", after).toISOString()).toBe("2026-01-17T02:30:00.000Z");
  });
});
