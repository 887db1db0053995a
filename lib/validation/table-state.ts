import { z } from "zod";

/**
 * A table's state lives in the URL. This module defines it once for every table: the page
 * and its size (with the one default), search text, sort direction, how to read Next's
 * searchParams and how to write a short link back. Every field is tolerant: a junk or
 * out-of-range value becomes its default, so a hand-edited or stale link still opens.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export const pageParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((value) => (PAGE_SIZES as readonly number[]).includes(value))
    .catch(DEFAULT_PAGE_SIZE),
});

export type PageParams = z.infer<typeof pageParamsSchema>;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The last page of `total` rows (1 for an empty table): a page past it shows this one instead. */
export function lastPage(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export const searchText = z.string().trim().max(100).catch("").default("");
export const sortDirection = z.enum(["asc", "desc"]).catch("desc").default("desc");

/** Reads a value from Next's searchParams, taking the first of repeated keys. */
export function firstParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

export function pick(params: SearchParams, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, firstParam(params, key)]));
}

export function parsePageParams(params: SearchParams): PageParams {
  return pageParamsSchema.parse(pick(params, ["page", "pageSize"]));
}

/**
 * The schema of a sortable, searchable table: its filters, then sort, direction and page.
 * Shared by the customers and transactions tables, so both read the URL the same way.
 */
export function tableQuerySchema<const Sorts extends readonly [string, ...string[]], Filters extends z.ZodRawShape>(sorts: Sorts, filters: Filters) {
  return z.object({
    q: searchText,
    ...filters,
    sort: z.enum(sorts).catch(sorts[0]).default(sorts[0]),
    dir: sortDirection,
    ...pageParamsSchema.shape,
  });
}

type UrlState = Record<string, string | number | undefined>;

/**
 * The link for a table state with `changes` applied: a change other than the page goes back
 * to page 1, and values at their default are left out, so links stay short.
 */
export function tableHref<Query extends { page: number }>(base: string, query: Query, changes: Partial<Query>, toUrl: (query: Query) => UrlState, defaults: UrlState): string {
  const next = { ...query, page: "page" in changes ? changes.page : 1, ...changes } as Query;
  const omit: UrlState = { dir: "desc", page: 1, pageSize: DEFAULT_PAGE_SIZE, ...defaults };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(toUrl(next))) {
    if (value === undefined || value === "" || value === omit[key]) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}
