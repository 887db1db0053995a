import "server-only";
import type { RoleName } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { assertCan } from "./internal/guards";
import { insertUser, userDtoSelect, type NewUser, type UserDto } from "./internal/users";

export type { NewUser, UserDto } from "./internal/users";

export async function listUsers(viewer: Viewer): Promise<UserDto[]> {
  assertCan(viewer, "users:read");
  return db.user.findMany({ select: userDtoSelect, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
}

export async function createUser(viewer: Viewer, input: NewUser, meta: RequestMeta): Promise<UserDto> {
  assertCan(viewer, "users:manage");
  return insertUser(input, { actor: viewer, meta });
}

async function findOtherUser(viewer: Viewer, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: userDtoSelect });
  if (!user) throw new AppError("not_found", "That user no longer exists.");
  if (user.id === viewer.id) throw new AppError("self_change", "You cannot change your own role or access.");
  return user;
}

/** Takes effect on the user's next request: the session re-reads the role every time. */
export async function changeUserRole(viewer: Viewer, userId: string, role: RoleName, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const user = await findOtherUser(viewer, userId);
  if (user.role === role) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAuditEvent(
      { actor: viewer, action: "user.change_role", targetType: "user", targetId: userId, meta, details: { email: user.email, from: user.role, to: role } },
      tx,
    );
  });
}

/** Disabling also bumps the session version, so every open session of that user ends at once. */
export async function setUserDisabled(viewer: Viewer, userId: string, disabled: boolean, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const user = await findOtherUser(viewer, userId);
  if (user.disabled === disabled) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled, sessionVersion: { increment: 1 } } });
    await recordAuditEvent(
      { actor: viewer, action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: userId, meta, details: { email: user.email } },
      tx,
    );
  });
}
