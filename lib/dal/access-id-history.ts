import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Paged, PageParams } from "@/lib/validation/table-state";
import { summarizeAccessIdEvent } from "./internal/access-id-history-text";
import { merchantFor } from "./internal/merchant-access";
import { readPage } from "./internal/paging";

/** One row of an account's access-ID history, from the audit log. Details carry hints only. */
export interface AccessIdEventDto {
  id: string;
  at: Date;
  /** Null for what the system did by itself (recovery at start-up or on a page load). */
  actorEmail: string | null;
  action: string;
  label: string;
  outcome: string;
  ip: string | null;
  summary: string;
}

const LABELS: Record<string, string> = {
  "access_id.rotate": "Rotated (new id issued)",
  "access_id.validate": "Validated",
  "access_id.expire": "Expired",
  "access_id.recover": "Recovered (Current Access ID)",
  "access_id.test_request": "Test request ID",
  "access_id.rotation_recovered": "Interrupted rotation recovered",
  "access_id.rejected": "Refused by ClientPay mid-operation",
};

type Details = Record<string, unknown>;

export async function listAccessIdHistory(viewer: Viewer, slug: string, params: PageParams): Promise<Paged<AccessIdEventDto>> {
  const merchant = await merchantFor(viewer, "access-ids:read", { slug });
  const where = { targetType: "merchant", targetId: merchant.id, action: { startsWith: "access_id." } };
  const page = await readPage(
    params,
    () => db.auditEvent.count({ where }),
    (skip, take) =>
      db.auditEvent.findMany({
        where,
        orderBy: [{ at: "desc" }, { id: "desc" }],
        skip,
        take,
        select: { id: true, at: true, actorEmail: true, action: true, outcome: true, ip: true, details: true },
      }),
  );
  const items = page.items.map(({ details, ...row }) => ({
    ...row,
    label: LABELS[row.action] ?? row.action,
    summary: summarizeAccessIdEvent(row.action, details && typeof details === "object" && !Array.isArray(details) ? (details as Details) : {}),
  }));
  return { ...page, items };
}
