import type { z } from "zod";
import type { ColumnChoice } from "./table-columns";
import { pick, tableHref, tableQuerySchema, type SearchParams } from "./table-state";

/** The customers table's URL state. "newest" (the default) follows USAePay's own order, by custid (docs/usaepay-api.md, Customers and payment methods). */
export const CUSTOMER_SORTS = ["newest", "name", "email", "city"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const schema = tableQuerySchema(CUSTOMER_SORTS, {});

export type CustomerQuery = z.infer<typeof schema>;

export const CUSTOMER_URL_KEYS = ["q", "sort", "dir", "page", "pageSize"] as const;

export function parseCustomerQuery(params: SearchParams): CustomerQuery {
  return schema.parse(pick(params, CUSTOMER_URL_KEYS));
}

/** The customers table's columns: the table shows the `inTable` ones; exports offer all. */
export const CUSTOMER_COLUMNS = [
  { id: "name", label: "Name", inTable: true },
  { id: "company", label: "Company", inTable: true },
  { id: "email", label: "Email", inTable: true },
  { id: "phone", label: "Phone", inTable: true },
  { id: "city", label: "City", inTable: true },
  { id: "newest", label: "Customer #", inTable: true },
  { id: "street", label: "Street" },
  { id: "state", label: "State" },
  { id: "postalCode", label: "Postal code" },
  { id: "country", label: "Country" },
  { id: "description", label: "Description" },
  { id: "paymentMethods", label: "Saved payment methods" },
  { id: "key", label: "Customer key" },
] as const satisfies readonly ColumnChoice[];

export function customerHref(base: string, query: CustomerQuery, changes: Partial<CustomerQuery> = {}): string {
  return tableHref(base, query, changes, (next) => ({ q: next.q, sort: next.sort, dir: next.dir, page: next.page, pageSize: next.pageSize }), { sort: CUSTOMER_SORTS[0] });
}
