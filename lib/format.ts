import { formatDistanceToNowStrict } from "date-fns";
import { formatInZone, offsetLabel } from "./time-zone";

/** The one place dates and money are turned into text for people. */

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/**
 * A date and time in the viewer's zone ("2026-03-04 00:06"), as tables show it: the table's
 * caption names the zone once. Pass the zone explicitly, so server and browser render alike.
 */
export function formatDateTime(value: Date | string, timeZone: string): string {
  return formatInZone(toDate(value), timeZone);
}

/** The same with the zone's offset, for a date shown on its own ("2026-03-04 00:06 UTC−5"). */
export function formatDateTimeWithZone(value: Date | string, timeZone: string): string {
  const date = toDate(value);
  return `${formatInZone(date, timeZone)} ${offsetLabel(timeZone, date)}`;
}

/** "Times in America/Chicago (UTC−6)": what a table says about its dates. */
export function describeTimeZone(timeZone: string, at: Date | string = new Date()): string {
  return `Times in ${timeZone} (${offsetLabel(timeZone, at)})`;
}

export function formatRelative(value: Date | string): string {
  return `${formatDistanceToNowStrict(toDate(value))} ago`;
}

/** "12 s ago", "3 min ago", "2 h ago", against the caller's clock (a ticking client component passes its own). */
export function formatAgeAt(value: Date | string, now: number): string {
  const seconds = Math.max(0, Math.round((now - toDate(value).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Money is integer cents everywhere else; only here does it become dollars. */
export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

const usdCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

/** 1234567 cents → "$12.3K": chart axes, where space is short. */
export function formatCentsCompact(cents: number): string {
  return usdCompact.format(cents / 100);
}

/** Cents as a plain decimal for files ("-12.50"): no symbol, no grouping. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** 0.9234 → "92.3%"; null (nothing to divide) → "—". */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : percent.format(ratio);
}

const count = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return count.format(value);
}
