import { z } from "zod";
import { isoDay } from "./days";
import { rangeFilterProblems, type FilterProblems } from "./filter-problems";
import { parseDollars } from "./money";
import { TRANSACTION_TYPE_KEYS } from "./transaction-types";
import { pick, tableHref, tableQuerySchema, type SearchParams } from "./table-state";

/** A filter's dollars as typed ("12", "12.5", "1,200.00") → integer cents, else undefined (parseDollars in ./money). */
export const dollarsToCents = z
  .string()
  .transform((value, ctx) => {
    const parsed = parseDollars(value);
    if (parsed.ok) return parsed.cents;
    ctx.addIssue({ code: "custom", message: "not an amount" });
    return z.NEVER;
  })
  .optional()
  .catch(undefined);

/** The transactions table's URL state: search, filters, sort, page. Status codes: docs/usaepay-api.md, Transactions. */
export const TRANSACTION_STATUSES = {
  pending: { label: "Pending", codes: ["P", "N"] },
  settled: { label: "Settled", codes: ["S"] },
  voided: { label: "Voided", codes: ["V", "R"] },
  declined: { label: "Declined", codes: ["D"] },
  error: { label: "Error", codes: ["E"] },
} as const;
export type TransactionStatus = keyof typeof TRANSACTION_STATUSES;

export const CARD_TYPES = ["Visa", "MasterCard", "Amex", "Discover"] as const;
export const TRANSACTION_SORTS = ["created", "amount", "status", "cardholder"] as const;
export type TransactionSort = (typeof TRANSACTION_SORTS)[number];

const schema = tableQuerySchema(TRANSACTION_SORTS, {
  status: z.enum(Object.keys(TRANSACTION_STATUSES) as [TransactionStatus, ...TransactionStatus[]]).optional().catch(undefined),
  type: z.enum(TRANSACTION_TYPE_KEYS).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  min: dollarsToCents,
  max: dollarsToCents,
  card: z.enum(CARD_TYPES).optional().catch(undefined),
});

export type TransactionQuery = z.infer<typeof schema>;
const KEYS = ["q", "status", "type", "from", "to", "min", "max", "card", "sort", "dir", "page", "pageSize"] as const;

export function parseTransactionQuery(params: SearchParams): TransactionQuery {
  return schema.parse(pick(params, KEYS));
}

const centsToText = (cents: number | undefined) => (cents === undefined ? undefined : (cents / 100).toFixed(2).replace(/\.00$/, ""));

/** The URL for a state (defaults left out); `changes` reset the page unless they set it. */
export function transactionHref(base: string, query: TransactionQuery, changes: Partial<TransactionQuery> = {}): string {
  return tableHref(
    base,
    query,
    changes,
    (next) => ({ q: next.q, status: next.status, type: next.type, from: next.from, to: next.to, min: centsToText(next.min), max: centsToText(next.max), card: next.card, sort: next.sort, dir: next.dir, page: next.page, pageSize: next.pageSize }),
    { sort: TRANSACTION_SORTS[0] },
  );
}

export function amountText(cents: number | undefined): string {
  return centsToText(cents) ?? "";
}

/** The transactions table's date and amount ranges, checked for junk and for ranges that match nothing. */
export function transactionFilterProblems(params: SearchParams, query: TransactionQuery): FilterProblems {
  return rangeFilterProblems(params, query, [
    { low: "from", high: "to", kind: "day", lowLabel: "From", highLabel: "To" },
    { low: "min", high: "max", kind: "amount", lowLabel: "Min $", highLabel: "Max $" },
  ]);
}
