import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { isTimeZone } from "@/lib/time-zone";
import { assertCan } from "./internal/guards";

/** The signed-in user's own profile (/account): who they are and the zone their dates are in. */
export interface ProfileDto {
  name: string;
  email: string;
  role: string;
  timeZone: string | null;
}

export async function getProfile(viewer: Viewer): Promise<ProfileDto> {
  assertCan(viewer, "profile:update");
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { name: true, email: true, role: true, timeZone: true } });
  return { name: user.name, email: user.email, role: ROLE_LABELS[user.role], timeZone: user.timeZone };
}

function assertZone(zone: string): void {
  if (!isTimeZone(zone)) throw new AppError("invalid_time_zone", "Choose a time zone from the list.");
}

/** The profile page's choice; audited with before and after. */
export async function updateTimeZone(viewer: Viewer, zone: string, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "profile:update");
  assertZone(zone);
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { timeZone: true } });
    if (before.timeZone === zone) return;
    await tx.user.update({ where: { id: viewer.id }, data: { timeZone: zone } });
    await recordAuditEvent({ actor: viewer, action: "user.time_zone", targetType: "user", targetId: viewer.id, meta, details: { before: { timeZone: before.timeZone }, after: { timeZone: zone } } }, tx);
  });
}

/**
 * The browser's zone, reported by the shell after the first sign-in: saved only while the user
 * has none, so it never overrides a choice made on the profile page. True when it was saved.
 */
export async function saveBrowserTimeZone(viewer: Viewer, zone: string, meta: RequestMeta): Promise<boolean> {
  assertCan(viewer, "profile:update");
  assertZone(zone);
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: viewer.id, timeZone: null }, data: { timeZone: zone } });
    if (count === 0) return false;
    await recordAuditEvent({ actor: viewer, action: "user.time_zone", targetType: "user", targetId: viewer.id, meta, details: { before: { timeZone: null }, after: { timeZone: zone }, via: "browser" } }, tx);
    return true;
  });
}
