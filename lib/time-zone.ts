import { TZDate, tz, tzOffset } from "@date-fns/tz";
import { addDays, format, startOfDay } from "date-fns";

/**
 * Time zones, in one place. Every date a person sees or filters by is in their zone (the user's
 * time zone, or for the overview's "today" and batch cut-offs, the account's business zone).
 * Pure functions of an instant and an IANA zone name, computed from offsets (not from locale
 * text), so the server's render and the browser's hydration agree character for character.
 */
export const DEFAULT_TIME_ZONE = "UTC";

export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zones offered in pickers: the runtime's list, with UTC first. */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [DEFAULT_TIME_ZONE, ...zones.filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

function dayParts(day: string): [number, number, number] {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return [year, month - 1, date];
}

/**
 * The instant calendar day `day` ("YYYY-MM-DD") begins in `zone`. Usually local midnight; where
 * a DST change skips midnight, the day's first real moment.
 */
export function startOfZonedDay(day: string, zone: string): Date {
  const [year, month, date] = dayParts(day);
  return new Date(startOfDay(new TZDate(year, month, date, 12, 0, 0, zone)).getTime());
}

/** The instant the day after `day` begins in `zone` (so a day lasts 23, 24 or 25 hours). */
export function startOfNextZonedDay(day: string, zone: string): Date {
  const [year, month, date] = dayParts(day);
  return new Date(startOfDay(addDays(new TZDate(year, month, date, 12, 0, 0, zone), 1)).getTime());
}

/**
 * A date filter's range as instants: from the start of `from` up to (not including) the start of
 * the day after `to`, both in `zone`, so "to" includes that whole day. Undefined when neither is set.
 */
export function zonedDayRange(from: string | undefined, to: string | undefined, zone: string): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return { ...(from ? { gte: startOfZonedDay(from, zone) } : {}), ...(to ? { lt: startOfNextZonedDay(to, zone) } : {}) };
}

/** "YYYY-MM-DD" of the day `instant` falls on in `zone`. */
export function zonedDay(instant: Date | string, zone: string): string {
  return format(new Date(instant), "yyyy-MM-dd", { in: tz(zone) });
}

/** The calendar day `days` after (or before, if negative) `day`. */
export function shiftDay(day: string, days: number): string {
  const [year, month, date] = dayParts(day);
  return format(addDays(new Date(Date.UTC(year, month, date, 12)), days), "yyyy-MM-dd", { in: tz("UTC") });
}

/** "2026-03-08 14:05" in `zone`. */
export function formatInZone(instant: Date | string, zone: string, pattern = "yyyy-MM-dd HH:mm"): string {
  return format(new Date(instant), pattern, { in: tz(zone) });
}

/** "UTC", "UTC−5", "UTC+5:30": the zone's offset at `instant`, for labels. */
export function offsetLabel(zone: string, instant: Date | string = new Date()): string {
  const minutes = tzOffset(zone, new Date(instant));
  if (!minutes) return "UTC";
  const sign = minutes < 0 ? "−" : "+";
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

/**
 * The next instant a daily "HH:MM" wall-clock time occurs in `zone` strictly after `after`
 * (a batch's cut-off). A time a DST change skips resolves to the moment after the gap.
 */
export function nextDailyTime(time: string, zone: string, after: Date): Date {
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const today = zonedDay(after, zone);
  for (const offset of [0, 1, 2]) {
    const [year, month, date] = dayParts(shiftDay(today, offset));
    const candidate = new Date(new TZDate(year, month, date, hours, minutes, 0, zone).getTime());
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error("unreachable: a daily time occurs within two days");
}
