import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { RequestMeta } from "@/lib/request-meta";
import type { RoleName } from "./permissions";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearAccountFailures, recordSignInFailure, signInLockState, type SignInSubject } from "./sign-in-locks";
import { createSession, setSessionStage, type SessionStage } from "./sessions";
import { confirmEnrolment, isRememberedDevice, twoFactorEnabled, twoFactorRequiredFor, verifySecondFactor } from "./two-factor";

/**
 * Signing in, step by step. The password opens a session record in the first stage still
 * owed: the second factor ("mfa"), enrolling one when it is required ("enrol"), replacing a
 * temporary password ("password"); only an "active" session is signed in. Every failure
 * counts towards the account and address locks (lib/auth/sign-in-locks.ts); the account's
 * count is cleared only once every stage is done, so a known password cannot be used to
 * reset the count between guesses at the code.
 */

/** Thrown from authorize(); next-auth hands the message to the form as its error code. */
export class SignInRefused extends Error {
  constructor(readonly code: "AccountLocked") {
    super(code);
  }
}

interface StageFacts {
  id: string;
  role: RoleName;
  mustChangePassword: boolean;
}

/** The next stage a session owes, given what it has already proved. */
export async function stageFor(user: StageFacts, proved: { secondFactor: boolean }): Promise<SessionStage> {
  const enrolled = await twoFactorEnabled(user.id);
  if (enrolled && !proved.secondFactor) return "mfa";
  if (!enrolled && twoFactorRequiredFor(user.role)) return "enrol";
  if (user.mustChangePassword) return "password";
  return "active";
}

async function failed(subject: SignInSubject, meta: RequestMeta, audit: { actor: { id: string; email: string } | null; action: string; reason: string }) {
  const locks = await recordSignInFailure(subject);
  await recordAuditEvent({
    actor: audit.actor,
    action: audit.action,
    outcome: "failure",
    targetType: "user",
    targetId: audit.actor?.id,
    meta,
    details: { email: subject.email, reason: audit.reason },
  });
  if (locks.accountLocked || locks.addressLocked) {
    await recordAuditEvent({
      actor: null,
      action: "auth.lock",
      targetType: locks.accountLocked ? "user" : "address",
      targetId: locks.accountLocked ? audit.actor?.id : undefined,
      meta,
      details: { email: subject.email, account: locks.accountLocked, address: locks.addressLocked ? subject.ip : null },
    });
  }
}

/** What a finished sign-in does once: clears the account's failures, stamps the login, audits. */
async function completed(user: { id: string; email: string }, meta: RequestMeta, via: string) {
  await clearAccountFailures(user.email);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAuditEvent({ actor: user, action: "auth.sign_in", targetType: "user", targetId: user.id, meta, details: { via } });
  logger.info({ userId: user.id }, "user signed in");
}

export interface PasswordSignIn {
  user: { id: string; email: string; name: string };
  sessionId: string;
  stage: SessionStage;
}

/**
 * The password step (next-auth's authorize). Null for a wrong email or password (one message
 * for both); SignInRefused while the account or the address is locked, checked before the
 * password so a locked account cannot be probed.
 */
export async function signInWithPassword(
  input: { email: string; password: string },
  meta: RequestMeta,
  rememberedDeviceToken?: string,
): Promise<PasswordSignIn | null> {
  const subject = { email: input.email, ip: meta.ip };
  const lock = await signInLockState(subject);
  if (lock.locked) {
    await recordAuditEvent({ actor: null, action: "auth.sign_in", outcome: "failure", targetType: "user", meta, details: { email: input.email, reason: `locked_${lock.scope}` } });
    throw new SignInRefused("AccountLocked");
  }

  const user = await db.user.findUnique({ where: { email: input.email } });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || user.disabled || !passwordMatches) {
    await failed(subject, meta, {
      actor: user ? { id: user.id, email: user.email } : null,
      action: "auth.sign_in",
      reason: !user ? "unknown_email" : user.disabled ? "disabled" : "wrong_password",
    });
    return null;
  }

  const remembered = await isRememberedDevice(user.id, rememberedDeviceToken);
  const stage = await stageFor(user, { secondFactor: remembered });
  const session = await createSession(user.id, stage, meta);
  if (stage === "active") await completed(user, meta, remembered ? "password+remembered_device" : "password");
  else await recordAuditEvent({ actor: user, action: "auth.password_accepted", targetType: "user", targetId: user.id, meta, details: { next: stage } });
  return { user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id, stage };
}

/**
 * Moves a session past a stage it has just completed, to the next one it owes (or to active,
 * which finishes the sign-in). `secondFactor`: whether this sign-in has proved a code.
 */
export async function advanceSession(
  session: { id: string; userId: string },
  proved: { secondFactor: boolean },
  meta: RequestMeta,
  via: string,
): Promise<SessionStage> {
  const user = await db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { id: true, email: true, role: true, mustChangePassword: true } });
  const stage = await stageFor(user, proved);
  await setSessionStage(session.id, stage);
  if (stage === "active") await completed(user, meta, via);
  return stage;
}

/** A wrong second-factor code counts like a wrong password. */
export async function recordSecondFactorFailure(user: { id: string; email: string }, meta: RequestMeta, action: string): Promise<void> {
  await failed({ email: user.email, ip: meta.ip }, meta, { actor: user, action, reason: "wrong_code" });
}

export { signInLockState };

type Person = { id: string; email: string };

/** The "mfa" step: a code (or recovery code) for a session that has passed the password. */
export async function answerSecondFactor(person: Person, code: string, meta: RequestMeta): Promise<{ ok: true; method: string } | { ok: false; locked: boolean }> {
  if ((await signInLockState({ email: person.email, ip: meta.ip })).locked) return { ok: false, locked: true };
  const result = await verifySecondFactor(person.id, code);
  if (!result.ok) {
    await recordSecondFactorFailure(person, meta, "auth.two_factor.verify");
    return { ok: false, locked: false };
  }
  await recordAuditEvent({ actor: person, action: "auth.two_factor.verify", targetType: "user", targetId: person.id, meta, details: { method: result.method, recoveryCodesLeft: result.recoveryCodesLeft ?? null } });
  return { ok: true, method: result.method };
}

/** Turning 2FA on with the first code: the recovery codes, or null for a wrong code (counted as a failure). */
export async function enrolSecondFactor(person: Person, code: string, meta: RequestMeta): Promise<string[] | null> {
  const codes = await confirmEnrolment(person.id, code);
  if (!codes) {
    await recordSecondFactorFailure(person, meta, "auth.two_factor.enable");
    return null;
  }
  await recordAuditEvent({ actor: person, action: "auth.two_factor.enable", targetType: "user", targetId: person.id, meta });
  return codes;
}
