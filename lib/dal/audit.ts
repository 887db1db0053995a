import { can, type RoleName } from "@/lib/auth/permissions";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import type { Paged, PageParams } from "@/lib/validation/pagination";

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

type AuditWriter = Pick<typeof db, "auditEvent">;

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

export async function listAuditEvents(
  viewer: { role: RoleName },
  { page, pageSize }: PageParams,
): Promise<Paged<AuditEventDto>> {
  if (!can(viewer.role, "audit:read")) throw new AppError("forbidden", "You are not allowed to do this.");
  const [total, items] = await Promise.all([
    db.auditEvent.count(),
    db.auditEvent.findMany({
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, at: true, actorEmail: true, action: true, outcome: true, targetType: true, targetId: true, ip: true },
    }),
  ]);
  return { items, total, page, pageSize };
}
