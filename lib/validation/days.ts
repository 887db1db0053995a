import { z } from "zod";

/**
 * The days a date filter accepts. A year like 9999 is a real calendar day but past what the
 * databases store (Prisma cannot send +010000-01-01), so anything outside is junk.
 */
export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2100-12-31";

/** "YYYY-MM-DD" that is a real calendar day between FIRST_DAY and LAST_DAY, else undefined. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))
  .refine((value) => value >= FIRST_DAY && value <= LAST_DAY)
  .optional()
  .catch(undefined);
