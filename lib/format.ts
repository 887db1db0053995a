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

// Money, counts and ages have no date library behind them: client components import them from
// there directly, so a form that shows an amount does not ship date-fns and the zone data.
export * from "./format-numbers";
