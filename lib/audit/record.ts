import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { RequestMeta } from "@/lib/request-meta";

/**
 * The one way to append to the audit log. A port below both lib/auth (sign-in, sign-out) and
 * lib/dal (every change), so neither imports the other to write a row. Reading the log is the
 * DAL's job (lib/dal/audit.ts), behind a permission.
 */
export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  action: string;
  outcome?: "success" | "failure";
  targetType?: string;
  targetId?: string;
  meta?: RequestMeta;
  /** Never a secret: masked hints only. */
  details?: Prisma.InputJsonValue;
  /** The account the event concerns; derived from a merchant target or `details.merchantId` when absent. */
  merchantAccountId?: string;
}

export type AuditWriter = Pick<typeof db, "auditEvent">;

/** Which account a row concerns, so a manager's audit view can be scoped to their accounts. */
function accountOf(input: AuditInput): string | null {
  if (input.merchantAccountId) return input.merchantAccountId;
  if (input.targetType === "merchant" && input.targetId) return input.targetId;
  const details = input.details as Record<string, unknown> | null | undefined;
  return details && typeof details === "object" && typeof details.merchantId === "string" ? details.merchantId : null;
}

/** Every word an investigator may type, lower-cased once here so the search is portable SQL. */
const SEARCH_LIMIT = 2000;
function searchTextOf(input: AuditInput): string {
  const values: string[] = [input.actor?.email ?? "", input.action, input.targetType ?? "", input.targetId ?? ""];
  const collect = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === "object") Object.values(value as Record<string, unknown>).forEach(collect);
    else values.push(String(value));
  };
  collect(input.details);
  return values.filter(Boolean).join(" ").toLowerCase().slice(0, SEARCH_LIMIT);
}

/** Appends one audit row. Pass a transaction client to make it part of a larger write. */
export async function recordAuditEvent(input: AuditInput, client: AuditWriter = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      action: input.action,
      outcome: input.outcome ?? "success",
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      ip: input.meta?.ip ?? null,
      userAgent: input.meta?.userAgent ?? null,
      details: input.details,
      merchantAccountId: accountOf(input),
      search: searchTextOf(input),
    },
  });
}
