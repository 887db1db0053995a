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
}

export type AuditWriter = Pick<typeof db, "auditEvent">;

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
    },
  });
}
