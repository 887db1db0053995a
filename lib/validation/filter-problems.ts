import { FIRST_DAY, LAST_DAY } from "./days";
import { firstParam, type SearchParams } from "./table-state";

/**
 * What is wrong with a table's range filters, said beside the fields. The URL schemas stay
 * tolerant (junk becomes "no filter", so a stale link still opens); this module says out
 * loud what was ignored, and which ranges can match nothing (from after to, min above max),
 * so the person sees why instead of an empty table.
 */
export interface FilterProblems {
  /** A message per field name. */
  fields: Record<string, string>;
  /** True when no row can match (a reversed range): the page shows the messages, not a query. */
  blocking: boolean;
}

export interface RangeFilter {
  low: string;
  high: string;
  /** "day": YYYY-MM-DD strings; "amount": numbers. */
  kind: "day" | "amount";
  /** How the fields are labelled on the page, for the messages. */
  lowLabel: string;
  highLabel: string;
}

const IGNORED: Record<RangeFilter["kind"], string> = {
  day: `Not used: enter a date from ${FIRST_DAY} to ${LAST_DAY}.`,
  amount: "Not used: enter an amount in dollars, such as 12.50.",
};

/**
 * `params` are the raw searchParams, `parsed` the values the tolerant schema kept: a field
 * that was given but not kept was junk.
 */
export function rangeFilterProblems(params: SearchParams, parsed: Record<string, unknown>, ranges: readonly RangeFilter[]): FilterProblems {
  const fields: Record<string, string> = {};
  let blocking = false;
  for (const range of ranges) {
    for (const name of [range.low, range.high]) {
      const raw = firstParam(params, name)?.trim();
      if (raw && parsed[name] === undefined) fields[name] = IGNORED[range.kind];
    }
    const low = parsed[range.low];
    const high = parsed[range.high];
    if (low !== undefined && high !== undefined && (low as string | number) > (high as string | number)) {
      fields[range.high] = range.kind === "day" ? `“${range.highLabel}” is before “${range.lowLabel}”: no row can match.` : `“${range.highLabel}” is below “${range.lowLabel}”: no row can match.`;
      blocking = true;
    }
  }
  return { fields, blocking };
}
