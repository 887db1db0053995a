/**
 * Money, counts and ages as text for people: plain Intl, no date library, so client components
 * can import these (lib/format.ts re-exports them beside the date formatting the server does).
 */

/** "12 s ago", "3 min ago", "2 h ago", against the caller's clock (a ticking client component passes its own). */
export function formatAgeAt(value: Date | string, now: number): string {
  const seconds = Math.max(0, Math.round((now - (typeof value === "string" ? new Date(value) : value).getTime()) / 1000));
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
