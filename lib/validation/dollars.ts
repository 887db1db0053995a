/**
 * Dollars as people type them ↔ integer cents, with no zod: client forms import this (their
 * live checks and prefills) without shipping the schema library; lib/validation/money.ts builds
 * the server's schemas on it.
 */
/**
 * Money typed by people, in dollars, becomes integer cents here and nowhere else (the table
 * filters, the refund/void/capture/adjust forms and the saved-card charge all use it).
 * Integer arithmetic on the digits, never floats: "0.29" is 29, not 28.999….
 */
export type DollarsParse = { ok: true; cents: number } | { ok: false; problem: "empty" | "negative" | "format" | "precision" | "too_large" };

/** Nine digits of dollars: far above any payment, far below Number.MAX_SAFE_INTEGER. */
const MAX_WHOLE_DIGITS = 9;

export function parseDollars(input: string): DollarsParse {
  const text = input.trim().replace(/^\$\s*/, "").replace(/\s+/g, "");
  if (text === "") return { ok: false, problem: "empty" };
  if (/^[-−(]/.test(text)) return { ok: false, problem: "negative" };
  // Thousands separators only where they belong ("1,200.50"), so "1,5" is not read as 15.
  const match = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === "" && !match[2])) return { ok: false, problem: "format" };
  const whole = (match[1] ?? "").replace(/,/g, "") || "0";
  const fraction = match[2] ?? "";
  if (fraction.length > 2) return { ok: false, problem: "precision" };
  if (whole.replace(/^0+(?=\d)/, "").length > MAX_WHOLE_DIGITS) return { ok: false, problem: "too_large" };
  return { ok: true, cents: Number(whole) * 100 + Number(fraction.padEnd(2, "0")) };
}

export const DOLLARS_PROBLEM_MESSAGES: Record<Exclude<DollarsParse, { ok: true }>["problem"], string> = {
  empty: "Enter an amount.",
  negative: "Enter the amount without a minus sign.",
  format: "Enter an amount in dollars, like 12.50.",
  precision: "Use at most two decimal places (cents).",
  too_large: "That amount is too large.",
};

/** USAePay refuses amounts above $99,999 (error 70, docs/usaepay-api.md "Error codes we map"). */
export const MAX_PAYMENT_CENTS = 9_999_900;

/** Cents → the dollars a form field is prefilled with ("12.50"); no currency sign, no separators. */
export function centsToDollarsText(cents: number): string {
  const whole = Math.trunc(cents / 100);
  return `${whole}.${String(Math.abs(cents % 100)).padStart(2, "0")}`;
}
