import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Paged, PageParams } from "@/lib/validation/table-state";
import { assertCan } from "./internal/guards";
import { readPage } from "./internal/paging";

/** Reading the audit log (writing goes through lib/audit/record.ts). */
export interface AuditEventDto {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
}

export async function listAuditEvents(viewer: Viewer, params: PageParams): Promise<Paged<AuditEventDto>> {
  assertCan(viewer, "audit:read");
  return readPage(
    params,
    () => db.auditEvent.count(),
    (skip, take) =>
      db.auditEvent.findMany({
        orderBy: [{ at: "desc" }, { id: "desc" }],
        skip,
        take,
        select: { id: true, at: true, actorEmail: true, action: true, outcome: true, targetType: true, targetId: true, ip: true },
      }),
  );
}
