import { z } from "zod";

/**
 * The overview's vocabulary, shared by the data layer that computes it and the components that
 * draw it: its periods (each ending with today in the overview's zone), and a day of the chart.
 */
export const PERIODS = { today: 1, week: 7, month: 30 } as const;
export type PeriodName = keyof typeof PERIODS;

export const PERIOD_LABELS: Record<PeriodName, string> = { today: "Today", week: "Last 7 days", month: "Last 30 days" };

/** The rankings' period in the URL: ?period=today|7d|30d (anything else: 30 days). */
const PARAMS = { today: "today", week: "7d", month: "30d" } as const satisfies Record<PeriodName, string>;
export const periodParam = (period: PeriodName) => PARAMS[period];
export const periodSchema = z
  .enum(["today", "7d", "30d"])
  .catch("30d")
  .transform((value) => (Object.keys(PARAMS) as PeriodName[]).find((name) => PARAMS[name] === value)!);

export interface DayPoint {
  /** "YYYY-MM-DD" in the overview's zone. */
  day: string;
  salesCents: number;
  salesCount: number;
  declinedCents: number;
  declinedCount: number;
  refundCents: number;
  refundCount: number;
}
