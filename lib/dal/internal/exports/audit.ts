import "server-only";
import { db, type Prisma } from "@/lib/db";
import { formatInZone } from "@/lib/time-zone";
import { AUDIT_COLUMNS, auditHref, parseAuditQuery } from "@/lib/validation/audit";
import { auditAccountId, auditRowSelect, auditScopeOf, auditWhere, AUDIT_SORT_KEYS, toAuditEntries, type AuditEntry, type AuditRow } from "../audit-log";
import { keysetBatches } from "../keyset";
import { defineExportTable } from "./types";

const changeText = (entry: AuditEntry) =>
  [
    ...entry.changes.map((change) => `${change.field}: ${change.before ?? "—"} → ${change.after ?? "—"}`),
    ...entry.facts.map((fact) => `${fact.field}: ${fact.value}`),
  ].join("; ");

/** The audit log as the viewer may read it (admins all; managers their accounts' money events). */
export const auditExport = defineExportTable<AuditEntry, (typeof AUDIT_COLUMNS)[number]["id"]>({
  table: "audit",
  permission: "audit:export",
  readPermission: ["audit:read", "audit:read-money"],
  scope: "installation",
  columns: AUDIT_COLUMNS,
  async prepare({ viewer, timeZone }, params) {
    const query = parseAuditQuery(params);
    const where = auditWhere(await auditScopeOf(viewer), query, timeZone, await auditAccountId(viewer, query.account));
    return {
      filters: auditHref("", { ...query, page: 1 }).replace(/^\?/, ""),
      count: () => db.auditEvent.count({ where }),
      async *batches(batchSize) {
        const rows = keysetBatches<AuditRow>({
          where: where as Record<string, unknown>,
          keys: AUDIT_SORT_KEYS,
          batchSize,
          fetch: (args) => db.auditEvent.findMany({ ...(args as Prisma.AuditEventFindManyArgs), select: auditRowSelect }),
        });
        for await (const batch of rows) yield toAuditEntries(batch);
      },
    };
  },
  headerNote: { at: ({ timeZone }) => timeZone },
  cells: {
    at: (entry, { timeZone }) => formatInZone(entry.at, timeZone, "yyyy-MM-dd HH:mm:ss"),
    actor: (entry) => entry.actor,
    action: (entry) => entry.action,
    outcome: (entry) => entry.outcome,
    target: (entry) => entry.target,
    account: (entry) => entry.account?.name,
    details: changeText,
    ip: (entry) => entry.ip,
    userAgent: (entry) => entry.userAgent,
    id: (entry) => entry.id,
  },
});
