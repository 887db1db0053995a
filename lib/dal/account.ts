import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { listOpenSessions, revokeSession, revokeUserSessions, type SessionListItem } from "@/lib/auth/sessions";
import { assertRecentAuthentication, confirmIdentity, hasRecentAuthentication } from "@/lib/auth/step-up";
import { recordSignInFailure } from "@/lib/auth/sign-in-locks";
import { issueRecoveryCodes, recoveryCodesLeft, removeTwoFactor, twoFactorEnabled, twoFactorRequiredFor } from "@/lib/auth/two-factor";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { assertCan } from "./internal/guards";

/** The signed-in person's own security settings (/account/security): every export acts on the viewer only. */
export interface MySessionDto extends SessionListItem {
  current: boolean;
}

export interface MySecurityDto {
  sessions: MySessionDto[];
  twoFactorEnabled: boolean;
  twoFactorRequired: boolean;
  recoveryCodesLeft: number;
  passwordChangedAt: Date | null;
  recentlyConfirmed: boolean;
}

export async function getMySecurity(viewer: Viewer): Promise<MySecurityDto> {
  assertCan(viewer, "dashboard:view");
  const [sessions, enabled, left, user, recent] = await Promise.all([
    listOpenSessions(viewer.id),
    twoFactorEnabled(viewer.id),
    recoveryCodesLeft(viewer.id),
    db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordChangedAt: true } }),
    hasRecentAuthentication(viewer),
  ]);
  return {
    sessions: sessions.map((session) => ({ ...session, current: session.id === viewer.sessionId })),
    twoFactorEnabled: enabled,
    twoFactorRequired: twoFactorRequiredFor(viewer.role),
    recoveryCodesLeft: left,
    passwordChangedAt: user.passwordChangedAt,
    recentlyConfirmed: recent,
  };
}

/** Ends every other session of the viewer (this one goes on), or all of them with `includingThis`. */
export async function signOutEverywhere(viewer: Viewer, meta: RequestMeta, options: { includingThis: boolean }): Promise<number> {
  assertCan(viewer, "dashboard:view");
  const ended = await revokeUserSessions(viewer.id, "sign_out_everywhere", options.includingThis ? {} : { except: viewer.sessionId });
  await recordAuditEvent({ actor: viewer, action: "auth.sign_out_everywhere", targetType: "user", targetId: viewer.id, meta, details: { ended, includingThis: options.includingThis } });
  return ended;
}

/** Ends one of the viewer's own sessions (another one's id answers "not found"). */
export async function endMySession(viewer: Viewer, sessionId: string, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "dashboard:view");
  const session = await db.userSession.findFirst({ where: { id: sessionId, userId: viewer.id }, select: { id: true } });
  if (!session) throw new AppError("not_found", "That session is no longer open.");
  await revokeSession(session.id, "sign_out_session");
  await recordAuditEvent({ actor: viewer, action: "auth.session_end", targetType: "user", targetId: viewer.id, meta });
}

/** A new password of the viewer's own: the current one is required; every other session ends. */
export async function changeMyPassword(viewer: Viewer, input: { currentPassword: string; newPassword: string }, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "dashboard:view");
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordSignInFailure({ email: viewer.email, ip: meta.ip });
    await recordAuditEvent({ actor: viewer, action: "user.password_change", outcome: "failure", targetType: "user", targetId: viewer.id, meta, details: { reason: "wrong_current_password" } });
    throw new AppError("wrong_password", "Your current password is not right. Nothing was changed.");
  }
  await setMyNewPassword(viewer, input.newPassword, meta);
}

/**
 * Sets the viewer's own new password (policy-checked), ending their other sessions. Behind the
 * change above, and the forced change after a temporary password (the viewer there is the
 * person midway through signing in, lib/actions/sign-in-steps.ts), which needs no current password.
 */
export async function setMyNewPassword(viewer: Viewer, newPassword: string, meta: RequestMeta, action = "user.password_change"): Promise<void> {
  const problem = await passwordProblem(newPassword, { email: viewer.email, name: viewer.name });
  if (problem) throw new AppError("weak_password", problem);
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } });
    await recordAuditEvent({ actor: viewer, action, targetType: "user", targetId: viewer.id, meta }, tx);
  });
  // Anyone who had the old password and a session with it is out.
  await revokeUserSessions(viewer.id, "password_changed", { except: viewer.sessionId });
}

/** Step-up: re-enter the password (and a code). Sensitive changes check it within 5 minutes. */
export async function confirmMyIdentity(viewer: Viewer, input: { password: string; code?: string }, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "dashboard:view");
  await confirmIdentity(viewer, input, meta);
}

/** New recovery codes replace the old ones (step-up required); shown once. */
export async function regenerateMyRecoveryCodes(viewer: Viewer, meta: RequestMeta): Promise<string[]> {
  assertCan(viewer, "dashboard:view");
  if (!(await twoFactorEnabled(viewer.id))) throw new AppError("no_two_factor", "Set up two-factor sign-in first.");
  await assertRecentAuthentication(viewer);
  const codes = await issueRecoveryCodes(viewer.id);
  await recordAuditEvent({ actor: viewer, action: "auth.recovery_codes.regenerate", targetType: "user", targetId: viewer.id, meta });
  return codes;
}

/** Turns the viewer's own 2FA off, where their role does not require it (step-up required). */
export async function disableMyTwoFactor(viewer: Viewer, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "dashboard:view");
  if (twoFactorRequiredFor(viewer.role)) throw new AppError("two_factor_required", "Two-factor sign-in is required for your account and cannot be turned off.");
  await assertRecentAuthentication(viewer);
  await removeTwoFactor(viewer.id);
  await recordAuditEvent({ actor: viewer, action: "auth.two_factor.disable", targetType: "user", targetId: viewer.id, meta });
}
