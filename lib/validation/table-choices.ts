import { z } from "zod";
import { AUDIT_COLUMNS, auditHref, parseAuditQuery } from "./audit";
import { CUSTOMER_COLUMNS, customerHref, parseCustomerQuery } from "./customers";
import type { ColumnChoice, TableId } from "./table-columns";
import type { SearchParams } from "./table-state";
import { parseTransactionQuery, TRANSACTION_COLUMNS, transactionHref } from "./transactions";

/** Each table's columns by its id, for what users choose about them (hidden columns, views). */
export const TABLE_COLUMNS: Record<TableId, readonly ColumnChoice[]> = {
  transactions: TRANSACTION_COLUMNS,
  customers: CUSTOMER_COLUMNS,
  audit: AUDIT_COLUMNS,
};

/**
 * A saved view is a table's URL state under a name. Stored and shared as the table's own
 * normalised query string (parsed by the table's parser, defaults and the page left out), so a
 * view holds only what the table understands and its link is the table's ordinary link.
 */
const NORMALISE: Record<TableId, (params: SearchParams) => string> = {
  transactions: (params) => transactionHref("", { ...parseTransactionQuery(params), page: 1 }),
  customers: (params) => customerHref("", { ...parseCustomerQuery(params), page: 1 }),
  audit: (params) => auditHref("", { ...parseAuditQuery(params), page: 1 }),
};

export function normaliseViewQuery(table: TableId, query: string): string {
  const params: SearchParams = Object.fromEntries(new URLSearchParams(query.replace(/^\?/, "")));
  return NORMALISE[table](params).replace(/^\?/, "");
}

/** What the column chooser and the views menu send. */
export const hiddenColumnsSchema = z.object({
  table: z.enum(Object.keys(TABLE_COLUMNS) as [TableId, ...TableId[]]),
  hidden: z.string().max(2000).transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean)),
});

export const saveViewSchema = z.object({
  table: z.enum(Object.keys(TABLE_COLUMNS) as [TableId, ...TableId[]]),
  name: z.string().trim().min(1, "Name the view.").max(60, "Use at most 60 characters."),
  query: z.string().max(2000),
});

export const deleteViewSchema = z.object({ viewId: z.string().min(1).max(100) });
