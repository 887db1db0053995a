import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Paged, PageParams } from "@/lib/validation/table-state";
import { merchantFor } from "./internal/merchant-access";

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
const text = (value: unknown) => (typeof value === "string" ? value : null);

/** A one-line reading of an event's details (hints, results and reason codes only). */
function summarize(action: string, details: Details): string {
  const before = text(details.before);
  const after = text(details.after);
  const parts: string[] = [];
  if (action === "access_id.rotation_recovered") {
    const result = { new_id: "ClientPay had issued a new id; stored", unchanged: "no new id had been issued", none_active: "ClientPay has no active id" }[String(details.result)];
    if (result) parts.push(result);
    if (text(details.startedBy)) parts.push(`rotation started by ${details.startedBy}`);
    if (text(details.trigger)) parts.push(`found on ${String(details.trigger).replace("_", " ")}`);
  } else if (before || after) {
    parts.push(`${before ?? "none"} → ${after ?? "none"}`);
  }
  if (text(details.hint)) parts.push(String(details.hint));
  if (text(details.result) && action !== "access_id.rotation_recovered") parts.push(`result: ${details.result}`);
  if (text(details.reason)) parts.push(`reason: ${details.reason}`);
  if (text(details.during)) parts.push(`during: ${details.during}`);
  return parts.join(" · ");
}

export async function listAccessIdHistory(viewer: Viewer, slug: string, { page, pageSize }: PageParams): Promise<Paged<AccessIdEventDto>> {
  const merchant = await merchantFor(viewer, "access-ids:read", { slug });
  const where = { targetType: "merchant", targetId: merchant.id, action: { startsWith: "access_id." } };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, at: true, actorEmail: true, action: true, outcome: true, ip: true, details: true },
    }),
  ]);
  const items = rows.map(({ details, ...row }) => ({
    ...row,
    label: LABELS[row.action] ?? row.action,
    summary: summarize(row.action, details && typeof details === "object" && !Array.isArray(details) ? (details as Details) : {}),
  }));
  return { items, total, page, pageSize };
}
