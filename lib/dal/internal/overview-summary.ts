import "server-only";
import { PERIODS, type DayPoint, type PeriodName } from "@/lib/validation/overview";
import { cardBrandLabel } from "@/lib/validation/transactions";
import type { KindRow, ReasonRow } from "./overview-aggregates";

export interface PeriodTotals {
  grossCents: number;
  salesCount: number;
  declinedCount: number;
  declinedCents: number;
  errorCount: number;
  refundCount: number;
  refundCents: number;
  netCents: number;
  /** Approved charges over approved + declined + failed ones; null when there were none. */
  approvalRate: number | null;
}

export interface Share {
  label: string;
  count: number;
  cents: number;
}

export interface OverviewNumbers {
  periods: Record<PeriodName, PeriodTotals>;
  days: DayPoint[];
  /** Per period: decline and failure reasons, most frequent first. */
  declineReasons: Record<PeriodName, Share[]>;
  /** Per period: sales by card brand (checks and unbranded tenders as "Check / other"), largest first. */
  cardMix: Record<PeriodName, Share[]>;
}

const NO_BRAND = "Check / other";

function totalsOf(rows: KindRow[]): PeriodTotals {
  const sum = (kind: KindRow["kind"], field: "count" | "cents") => rows.filter((row) => row.kind === kind).reduce((total, row) => total + row[field], 0);
  const grossCents = sum("sale", "cents");
  const refundCents = sum("refund", "cents");
  const approvedCharges = sum("sale", "count") + sum("auth", "count") + sum("voided", "count");
  const declinedCount = sum("declined", "count");
  const errorCount = sum("error", "count");
  const attempts = approvedCharges + declinedCount + errorCount;
  return {
    grossCents,
    salesCount: sum("sale", "count"),
    declinedCount,
    declinedCents: sum("declined", "cents"),
    errorCount,
    refundCount: sum("refund", "count"),
    refundCents,
    netCents: grossCents - refundCents,
    approvalRate: attempts === 0 ? null : approvedCharges / attempts,
  };
}

function ranked(entries: Map<string, Share>): Share[] {
  return [...entries.values()].sort((a, b) => b.count - a.count || b.cents - a.cents || a.label.localeCompare(b.label));
}

/** Day-level rows (day = index into `days`) into the periods, the chart's points and the rankings. */
export function summarize(days: string[], kinds: KindRow[], reasons: ReasonRow[]): OverviewNumbers {
  const last = days.length - 1;
  const inPeriod = (length: number) => (row: { day: number }) => row.day > last - length && row.day <= last;
  const periodNames = Object.keys(PERIODS) as PeriodName[];

  const points = days.map((day, index) => {
    const rows = kinds.filter((row) => row.day === index);
    const pick = (kind: KindRow["kind"], field: "count" | "cents") => rows.filter((row) => row.kind === kind).reduce((total, row) => total + row[field], 0);
    return {
      day,
      salesCents: pick("sale", "cents"),
      salesCount: pick("sale", "count"),
      declinedCents: pick("declined", "cents"),
      declinedCount: pick("declined", "count"),
      refundCents: pick("refund", "cents"),
      refundCount: pick("refund", "count"),
    };
  });

  const reasonsFor = (length: number) => {
    const entries = new Map<string, Share>();
    for (const row of reasons.filter(inPeriod(length))) {
      const entry = entries.get(row.reason) ?? { label: row.reason, count: 0, cents: 0 };
      entry.count += row.count;
      entries.set(row.reason, entry);
    }
    return ranked(entries);
  };
  const mixFor = (length: number) => {
    const entries = new Map<string, Share>();
    for (const row of kinds.filter(inPeriod(length)).filter((candidate) => candidate.kind === "sale")) {
      const label = cardBrandLabel(row.brand) ?? NO_BRAND;
      const entry = entries.get(label) ?? { label, count: 0, cents: 0 };
      entry.count += row.count;
      entry.cents += row.cents;
      entries.set(label, entry);
    }
    return ranked(entries);
  };

  return {
    periods: Object.fromEntries(periodNames.map((name) => [name, totalsOf(kinds.filter(inPeriod(PERIODS[name])))])) as Record<PeriodName, PeriodTotals>,
    days: points,
    declineReasons: Object.fromEntries(periodNames.map((name) => [name, reasonsFor(PERIODS[name])])) as Record<PeriodName, Share[]>,
    cardMix: Object.fromEntries(periodNames.map((name) => [name, mixFor(PERIODS[name])])) as Record<PeriodName, Share[]>,
  };
}
