import type { z } from "zod";
import { pick, tableHref, tableQuerySchema, type SearchParams } from "./table-state";

/** The customers table's URL state. "newest" (the default) follows USAePay's own order, by custid (docs/usaepay-api.md, Customers and payment methods). */
export const CUSTOMER_SORTS = ["newest", "name", "email", "city"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const schema = tableQuerySchema(CUSTOMER_SORTS, {});

export type CustomerQuery = z.infer<typeof schema>;

export function parseCustomerQuery(params: SearchParams): CustomerQuery {
  return schema.parse(pick(params, ["q", "sort", "dir", "page", "pageSize"]));
}

export function customerHref(base: string, query: CustomerQuery, changes: Partial<CustomerQuery> = {}): string {
  return tableHref(base, query, changes, (next) => ({ q: next.q, sort: next.sort, dir: next.dir, page: next.page, pageSize: next.pageSize }), { sort: CUSTOMER_SORTS[0] });
}
