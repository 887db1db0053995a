import { z } from "zod";
import { pageParamsSchema } from "./pagination";
import { pick, searchText, sortDirection, toQueryString, type SearchParams } from "./transactions";

/** The customers table's URL state. "newest" follows USAePay's own order (custid). */
export const CUSTOMER_SORTS = ["newest", "name", "email", "city"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const schema = z.object({
  q: searchText,
  sort: z.enum(CUSTOMER_SORTS).catch("newest").default("newest"),
  dir: sortDirection,
  page: pageParamsSchema.shape.page,
  pageSize: pageParamsSchema.shape.pageSize,
});

export type CustomerQuery = z.infer<typeof schema>;

export function parseCustomerQuery(params: SearchParams): CustomerQuery {
  return schema.parse(pick(params, ["q", "sort", "dir", "page", "pageSize"]));
}

export function customerHref(base: string, query: CustomerQuery, changes: Partial<CustomerQuery> = {}): string {
  const next = { ...query, page: "page" in changes ? changes.page : 1, ...changes };
  return base + toQueryString({ q: next.q, sort: next.sort, dir: next.dir, page: next.page, pageSize: next.pageSize }, { sort: "newest", dir: "desc", page: 1, pageSize: 25 });
}
