import { formatDistanceToNowStrict } from "date-fns";

/** The one place dates and money are turned into text for people. */

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** Server-rendered, so stated in UTC rather than in whatever zone the server runs in. */
export function formatDateTime(value: Date | string): string {
  return `${toDate(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatRelative(value: Date | string): string {
  return `${formatDistanceToNowStrict(toDate(value))} ago`;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Money is integer cents everywhere else; only here does it become dollars. */
export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}
