import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, STEP_UP_REQUIRED } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { verifyPassword } from "./password";
import { recordSecondFactorFailure } from "./sign-in";
import { recordSignInFailure, signInLockState } from "./sign-in-locks";
import { twoFactorEnabled, verifySecondFactor } from "./two-factor";
import type { Viewer } from "./viewer";

/**
 * Step-up: key rotation, gateway host or environment changes, role changes, 2FA resets and
 * temporary passwords need the password (and a code, when 2FA is on) re-entered within the
 * last 5 minutes (STEP_UP_MAX_AGE_SECONDS) in this session. The DAL checks it, so no form or
 * action can skip it.
 */
export const STEP_UP_WINDOW_MS = env.STEP_UP_MAX_AGE_SECONDS * 1000;

export async function hasRecentAuthentication(viewer: Viewer, now = new Date()): Promise<boolean> {
  if (!viewer.sessionId) return false;
  const session = await db.userSession.findUnique({ where: { id: viewer.sessionId }, select: { userId: true, reauthenticatedAt: true, revokedAt: true } });
  if (!session || session.revokedAt || session.userId !== viewer.id || !session.reauthenticatedAt) return false;
  return now.getTime() - session.reauthenticatedAt.getTime() <= STEP_UP_WINDOW_MS;
}

export async function assertRecentAuthentication(viewer: Viewer, now = new Date()): Promise<void> {
  if (await hasRecentAuthentication(viewer, now)) return;
  throw new AppError(STEP_UP_REQUIRED, "For this change, confirm it is you: enter your password (and authenticator code) again, then repeat the change.");
}

/**
 * Re-authenticates the signed-in viewer. Wrong answers count towards the account lock like
 * failed sign-ins, so step-up cannot be used to guess a password.
 */
export async function confirmIdentity(viewer: Viewer, input: { password: string; code?: string }, meta: RequestMeta): Promise<void> {
  if (!viewer.sessionId) throw new AppError("no_session", "Your session has ended. Sign in again to continue.");
  const audit = (outcome: "success" | "failure", reason?: string) =>
    recordAuditEvent({ actor: viewer, action: "auth.step_up", outcome, targetType: "user", targetId: viewer.id, meta, details: reason ? { reason } : undefined });
  if ((await signInLockState({ email: viewer.email, ip: meta.ip })).locked) {
    await audit("failure", "locked");
    throw new AppError("locked", "Too many failed attempts: this account is locked for 30 minutes, or until an admin unlocks it.");
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await recordSignInFailure({ email: viewer.email, ip: meta.ip });
    await audit("failure", "wrong_password");
    throw new AppError("step_up_failed", "That password is not right. Nothing was changed.");
  }
  if (await twoFactorEnabled(viewer.id)) {
    const second = input.code ? await verifySecondFactor(viewer.id, input.code) : { ok: false as const };
    if (!second.ok) {
      await recordSecondFactorFailure(viewer, meta, "auth.step_up");
      throw new AppError("step_up_failed", "Enter a current code from your authenticator app (or a recovery code).");
    }
  }
  await db.userSession.update({ where: { id: viewer.sessionId }, data: { reauthenticatedAt: new Date() } });
  await audit("success");
}
