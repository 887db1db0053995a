import { z } from "zod";
import type { ColumnChoice } from "./table-columns";
import { pick, searchText, tableHref, pageParamsSchema, type SearchParams } from "./table-state";
import { isoDay } from "./days";

/** The audit log's URL state: who, what, which account, how it ended, when, and free text. */
const schema = z.object({
  q: searchText,
  actor: z.string().trim().toLowerCase().max(320).catch("").default(""),
  action: z.string().trim().max(100).regex(/^[a-z0-9_.-]*$/).catch("").default(""),
  account: z.string().trim().max(100).catch("").default(""),
  outcome: z.enum(["success", "failure"]).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  ...pageParamsSchema.shape,
});

export type AuditQuery = z.infer<typeof schema>;
export const AUDIT_URL_KEYS = ["q", "actor", "action", "account", "outcome", "from", "to", "page", "pageSize"] as const;

export function parseAuditQuery(params: SearchParams): AuditQuery {
  return schema.parse(pick(params, AUDIT_URL_KEYS));
}

export function auditHref(base: string, query: AuditQuery, changes: Partial<AuditQuery> = {}): string {
  return tableHref(base, query, changes, (next) => ({ ...next }), {});
}

export function isAuditFiltered(query: AuditQuery): boolean {
  return !!(query.q || query.actor || query.action || query.account || query.outcome || query.from || query.to);
}

/** The audit log's columns: the table shows the `inTable` ones; exports offer all. */
export const AUDIT_COLUMNS = [
  { id: "at", label: "Time", inTable: true },
  { id: "actor", label: "Actor", inTable: true },
  { id: "action", label: "Action", inTable: true },
  { id: "outcome", label: "Outcome", inTable: true },
  { id: "target", label: "Target", inTable: true },
  { id: "account", label: "Account", inTable: true },
  { id: "details", label: "Details", inTable: true },
  { id: "ip", label: "IP", inTable: true },
  { id: "userAgent", label: "User agent" },
  { id: "id", label: "Event ID" },
] as const satisfies readonly ColumnChoice[];
