import { z } from "zod";
import type { ColumnChoice } from "./table-columns";
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

/**
 * Card types as the filter names them, and the codes the gateway stores for each: USAePay's
 * `creditcard.type` is a short code (docs/usaepay-api.md, Transaction objects); full names are
 * kept too, for copies written by hand or by older answers.
 */
export const CARD_BRANDS = {
  Visa: ["V", "Visa"],
  MasterCard: ["M", "MasterCard"],
  Amex: ["A", "Amex", "American Express"],
  Discover: ["DS", "Discover"],
} as const;
export const CARD_TYPES = Object.keys(CARD_BRANDS) as (keyof typeof CARD_BRANDS)[];

/** "V" → "Visa"; an unknown code as it came. */
export function cardBrandLabel(code: string | null): string | null {
  if (!code) return null;
  return (Object.entries(CARD_BRANDS) as [string, readonly string[]][]).find(([, codes]) => codes.includes(code))?.[0] ?? code;
}

/** The transactions table's columns: the table shows the `inTable` ones; exports offer all. */
export const TRANSACTION_COLUMNS = [
  { id: "created", label: "Date", inTable: true },
  { id: "refnum", label: "Ref #", inTable: true },
  { id: "cardholder", label: "Customer", inTable: true },
  { id: "card", label: "Card", inTable: true },
  { id: "status", label: "Status", inTable: true },
  { id: "type", label: "Type", inTable: true },
  { id: "amount", label: "Amount", inTable: true },
  { id: "result", label: "Result" },
  { id: "authCode", label: "Auth code" },
  { id: "customerEmail", label: "Customer email" },
  { id: "invoice", label: "Invoice" },
  { id: "orderId", label: "Order ID" },
  { id: "description", label: "Description" },
  { id: "batch", label: "Batch #" },
  { id: "tax", label: "Tax" },
  { id: "tip", label: "Tip" },
  { id: "entryMode", label: "Entry mode" },
  { id: "avs", label: "AVS" },
  { id: "cvc", label: "CVC" },
  { id: "error", label: "Decline or error" },
  { id: "key", label: "Transaction key" },
] as const satisfies readonly ColumnChoice[];
export const TRANSACTION_SORTS = ["created", "amount", "status", "cardholder"] as const;
export type TransactionSort = (typeof TRANSACTION_SORTS)[number];

const schema = tableQuerySchema(TRANSACTION_SORTS, {
  status: z.enum(Object.keys(TRANSACTION_STATUSES) as [TransactionStatus, ...TransactionStatus[]]).optional().catch(undefined),
  type: z.enum(TRANSACTION_TYPE_KEYS).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  min: dollarsToCents,
  max: dollarsToCents,
  card: z.enum(CARD_TYPES as [keyof typeof CARD_BRANDS, ...(keyof typeof CARD_BRANDS)[]]).optional().catch(undefined),
});

export type TransactionQuery = z.infer<typeof schema>;
/** The URL keys of the table's state (a saved view keeps all but the page). */
export const TRANSACTION_URL_KEYS = ["q", "status", "type", "from", "to", "min", "max", "card", "sort", "dir", "page", "pageSize"] as const;
const KEYS = TRANSACTION_URL_KEYS;

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
