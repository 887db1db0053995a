import { z } from "zod";
import { DOLLARS_PROBLEM_MESSAGES as PROBLEM_MESSAGES, MAX_PAYMENT_CENTS, parseDollars } from "./dollars";

export { centsToDollarsText, MAX_PAYMENT_CENTS, parseDollars, type DollarsParse } from "./dollars";

/** A required amount field of a money form: dollars as typed → cents, more than zero, within the gateway's maximum. */
export const dollarAmount = z.string({ error: PROBLEM_MESSAGES.empty }).transform((value, ctx) => {
  const parsed = parseDollars(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: PROBLEM_MESSAGES[parsed.problem] });
    return z.NEVER;
  }
  if (parsed.cents <= 0) {
    ctx.addIssue({ code: "custom", message: "The amount must be more than $0.00." });
    return z.NEVER;
  }
  if (parsed.cents > MAX_PAYMENT_CENTS) {
    ctx.addIssue({ code: "custom", message: "USAePay accepts at most $99,999.00 in one transaction." });
    return z.NEVER;
  }
  return parsed.cents;
});

/** The same, but an empty field means "not given" (e.g. capture the whole authorization). */
export const optionalDollarAmount = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value : undefined))
  .pipe(dollarAmount.optional());
