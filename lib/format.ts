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
