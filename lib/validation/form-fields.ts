import { z } from "zod";

/** Field schemas the account forms share (an account slug, a checkbox, an amount, a day). */

/** The account a form acts on, by its URL slug; the DAL re-checks access to it. */
export const accountSlug = z.string().trim().min(1, "Choose an account.").max(120).regex(/^[a-z0-9-]+$/, "Not a valid account.");

/** An HTML checkbox: "on" when ticked, absent otherwise. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");

/** A one-time money-form token (lib/dal/internal/money-token.ts checks it). */
export const moneyFormToken = z.string().trim().min(1, "This form is not valid any more. Reload the page.").max(300);

/** Dollars as typed ("125", "1,200.50", "$99.9") → integer cents above zero, at most $9,999,999.99. */
export const amountCents = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const cleaned = value.replace(/[$,\s]/g, "");
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) {
      ctx.addIssue({ code: "custom", message: "Enter an amount like 125.00." });
      return z.NEVER;
    }
    const [whole, fraction = ""] = cleaned.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((value) => value > 0, "Enter an amount above zero.");

/** "YYYY-MM-DD" that is a real calendar day. */
export const calendarDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-31.")
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Not a real date.");

export const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional().default("");
