import "server-only";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import type { AuditQuery } from "@/lib/validation/audit";
import type { Paged } from "@/lib/validation/table-state";
import { auditAccountId, auditRowSelect, auditScopeOf, auditWhere, AUDIT_SORT_KEYS, toAuditEntries, type AuditEntry } from "./internal/audit-log";
import { orderByOf } from "./internal/keyset";
import { accessibleTo } from "./internal/merchant-access";
import { readPage } from "./internal/paging";

export type { AuditChange, AuditEntry, AuditFact } from "./internal/audit-log";

/**
 * Reading the audit log (writing goes through lib/audit/record.ts): admins every row, managers
 * the money events of their own accounts (internal/audit-log.ts says which rows are whose).
 */
export async function listAuditEvents(viewer: Viewer, query: AuditQuery): Promise<Paged<AuditEntry>> {
  const scope = await auditScopeOf(viewer);
  const where = auditWhere(scope, query, zoneOf(viewer), await auditAccountId(viewer, query.account));
  const orderBy = orderByOf(AUDIT_SORT_KEYS) as Prisma.AuditEventOrderByWithRelationInput[];
  const page = await readPage(
    query,
    () => db.auditEvent.count({ where }),
    (skip, take) => db.auditEvent.findMany({ where, orderBy, skip, take, select: auditRowSelect }),
  );
  return { ...page, items: await toAuditEntries(page.items) };
}

export interface AuditFilterOptions {
  actions: string[];
  actors: string[];
  accounts: { slug: string; name: string }[];
}

/** What the filters offer: the actions and actors that occur in the rows this viewer may read, and their accounts. */
export async function listAuditFilterOptions(viewer: Viewer): Promise<AuditFilterOptions> {
  const scope = await auditScopeOf(viewer);
  const [actions, actors, accounts] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], where: scope, orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["actorEmail"], where: { AND: [scope, { actorEmail: { not: null } }] }, orderBy: { actorEmail: "asc" } }),
    db.merchantAccount.findMany({ where: accessibleTo(viewer), select: { slug: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { actions: actions.map((row) => row.action), actors: actors.map((row) => row.actorEmail as string), accounts };
}
