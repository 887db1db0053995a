import "server-only";
import type { RoleName } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { assertCan } from "./internal/guards";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { clearSignInLock, listSignInLocks, type SignInLock } from "@/lib/auth/sign-in-locks";
import { assertRecentAuthentication } from "@/lib/auth/step-up";
import { removeTwoFactor } from "@/lib/auth/two-factor";
import { insertUser, userDtoSelect, type NewUser, type UserDto } from "./internal/users";

export type { NewUser, UserDto } from "./internal/users";
export type { SignInLock } from "@/lib/auth/sign-in-locks";

export interface UserSecurityDto extends UserDto {
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
}

export async function listUsers(viewer: Viewer): Promise<UserSecurityDto[]> {
  assertCan(viewer, "users:read");
  const users = await db.user.findMany({
    select: { ...userDtoSelect, mustChangePassword: true, twoFactor: { select: { enabledAt: true } } },
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
  });
  return users.map(({ twoFactor, ...user }) => ({ ...user, twoFactorEnabled: !!twoFactor?.enabledAt }));
}

export async function createUser(viewer: Viewer, input: NewUser, meta: RequestMeta): Promise<UserDto> {
  assertCan(viewer, "users:manage");
  const problem = await passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) throw new AppError("weak_password", problem);
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
  await assertRecentAuthentication(viewer);
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
    if (disabled) await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: "admin_disabled" } });
    await recordAuditEvent(
      { actor: viewer, action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: userId, meta, details: { email: user.email } },
      tx,
    );
  });
}

/** Sign-in locks in force (accounts and addresses), for the admins' page. */
export async function listLocks(viewer: Viewer): Promise<SignInLock[]> {
  assertCan(viewer, "users:manage");
  return listSignInLocks();
}

/** An admin's unlock: the failures of that account (or address) start again from zero. */
export async function unlockSignIn(viewer: Viewer, scope: SignInLock["scope"], subject: string, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const cleared = await clearSignInLock(scope, subject);
  await recordAuditEvent({ actor: viewer, action: "auth.unlock", outcome: cleared ? "success" : "failure", targetType: scope === "account" ? "user" : "address", meta, details: { scope, subject } });
  if (!cleared) throw new AppError("no_lock", "That lock had already ended.");
}

/** Removes another user's 2FA (lost phone): they enrol again at their next sign-in; their sessions end. */
export async function resetUserTwoFactor(viewer: Viewer, userId: string, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const user = await findOtherUser(viewer, userId);
  await assertRecentAuthentication(viewer);
  await removeTwoFactor(userId);
  const ended = await revokeUserSessions(userId, "two_factor_reset");
  await recordAuditEvent({ actor: viewer, action: "user.two_factor_reset", targetType: "user", targetId: userId, meta, details: { email: user.email, sessionsEnded: ended } });
}

/**
 * Sets a temporary password for another user: they must choose their own at the next sign-in,
 * and every session of theirs ends now. The password is checked like any other and never echoed.
 */
export async function setTemporaryPassword(viewer: Viewer, userId: string, password: string, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const user = await findOtherUser(viewer, userId);
  await assertRecentAuthentication(viewer);
  const problem = await passwordProblem(password, { email: user.email, name: user.name });
  if (problem) throw new AppError("weak_password", problem);
  const passwordHash = await hashPassword(password);
  await db.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
  const ended = await revokeUserSessions(userId, "temporary_password");
  await recordAuditEvent({ actor: viewer, action: "user.temporary_password", targetType: "user", targetId: userId, meta, details: { email: user.email, sessionsEnded: ended } });
}
