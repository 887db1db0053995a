import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { generateSecret, generateURI, verifySync } from "otplib/functional";
import QRCode from "qrcode";
import type { RoleName } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { openSecret, sealSecret } from "@/lib/vault";
import { hashPassword, verifyPassword } from "./password";

/**
 * TOTP two-factor sign-in (RFC 6238 through otplib): 30-second codes, one step of clock drift
 * either way, and no code accepted twice (the last accepted time step is stored). The secret is
 * sealed by the vault like merchant keys (associated data: this user's id) and opened only to
 * check a code or to show it during enrolment. Ten single-use recovery codes, argon2id-hashed.
 */
export const TWO_FACTOR_TABLE = "UserTwoFactor";
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Paydesk";
const PERIOD_SECONDS = 30;
const TRUSTED_DEVICE_DAYS = 30;

/** PCI DSS 8.4.2: admins always; everyone when the installation says so. */
export function twoFactorRequiredFor(role: RoleName): boolean {
  return role === "ADMIN" || env.TWO_FACTOR_REQUIRED_FOR === "everyone";
}

export async function twoFactorEnabled(userId: string): Promise<boolean> {
  const row = await db.userTwoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return !!row?.enabledAt;
}

function sealedFor(userId: string, secret: string) {
  return sealSecret(secret, TWO_FACTOR_TABLE, userId, "secret").sealed;
}

function openedFor(userId: string, sealed: string) {
  return openSecret(sealed, TWO_FACTOR_TABLE, userId, "secret");
}

export interface Enrolment {
  /** The base32 key for typing in by hand. */
  manualKey: string;
  otpauthUri: string;
  /** The same URI as a QR code: an SVG data URL rendered on the server. */
  qrDataUrl: string;
}

/**
 * The pending secret to show on the enrolment page: kept across reloads (so a code scanned
 * a minute ago still works), created on first visit. Refused once 2FA is on.
 */
export async function pendingEnrolment(user: { id: string; email: string }): Promise<Enrolment | null> {
  const existing = await db.userTwoFactor.findUnique({ where: { userId: user.id } });
  if (existing?.enabledAt) return null;
  let secret: string;
  if (existing) {
    secret = openedFor(user.id, existing.secretSealed);
  } else {
    secret = generateSecret();
    await db.userTwoFactor.create({ data: { userId: user.id, secretSealed: sealedFor(user.id, secret) } });
  }
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret, period: PERIOD_SECONDS });
  const qrDataUrl = `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(otpauthUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" })).toString("base64")}`;
  return { manualKey: secret.replace(/(.{4})/g, "$1 ").trim(), otpauthUri, qrDataUrl };
}

function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/** Checks a TOTP code and, if good, marks its time step used (so it cannot be replayed). */
async function acceptTotp(userId: string, secretSealed: string, lastUsedStep: number | null, code: string, nowMs: number): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = verifySync({
    secret: openedFor(userId, secretSealed),
    token: code,
    period: PERIOD_SECONDS,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: PERIOD_SECONDS,
    ...(lastUsedStep !== null ? { afterTimeStep: lastUsedStep } : {}),
  });
  if (!result.valid || !("timeStep" in result)) return false;
  // Conditional write: of two requests racing with the same code, one wins.
  const { count } = await db.userTwoFactor.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: result.timeStep } }] },
    data: { lastUsedStep: result.timeStep },
  });
  return count === 1;
}

function newRecoveryCode(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const raw = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** Replaces a user's recovery codes with ten new ones; returns them (shown once, never stored in plain). */
export async function issueRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((code) => hashPassword(normalizeCode(code))));
  await db.$transaction([db.recoveryCode.deleteMany({ where: { userId } }), db.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) })]);
  return codes;
}

/** Finishes enrolment with the first code from the app; returns the recovery codes, or null for a wrong code. */
export async function confirmEnrolment(userId: string, code: string, nowMs = Date.now()): Promise<string[] | null> {
  const row = await db.userTwoFactor.findUnique({ where: { userId } });
  if (!row || row.enabledAt) return null;
  if (!(await acceptTotp(userId, row.secretSealed, row.lastUsedStep, normalizeCode(code), nowMs))) return null;
  await db.userTwoFactor.update({ where: { userId }, data: { enabledAt: new Date(nowMs) } });
  return issueRecoveryCodes(userId);
}

export type SecondFactorResult = { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft?: number } | { ok: false };

/** A code from the authenticator app, or one of the recovery codes (each works once). */
export async function verifySecondFactor(userId: string, rawCode: string, nowMs = Date.now()): Promise<SecondFactorResult> {
  const code = normalizeCode(rawCode);
  const row = await db.userTwoFactor.findUnique({ where: { userId } });
  if (!row?.enabledAt) return { ok: false };
  if (/^\d{6}$/.test(code)) return (await acceptTotp(userId, row.secretSealed, row.lastUsedStep, code, nowMs)) ? { ok: true, method: "totp" } : { ok: false };
  if (code.length !== 10) return { ok: false };
  const unused = await db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  for (const candidate of unused) {
    if (!(await verifyPassword(candidate.codeHash, code))) continue;
    const { count } = await db.recoveryCode.updateMany({ where: { id: candidate.id, usedAt: null }, data: { usedAt: new Date(nowMs) } });
    if (count !== 1) return { ok: false };
    return { ok: true, method: "recovery_code", recoveryCodesLeft: unused.length - 1 };
  }
  return { ok: false };
}

export async function recoveryCodesLeft(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** Turns 2FA off for a user (an admin's reset, or the user's own with step-up): secret, codes and remembered devices go. */
export async function removeTwoFactor(userId: string): Promise<void> {
  await db.$transaction([
    db.userTwoFactor.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.trustedDevice.deleteMany({ where: { userId } }),
  ]);
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

export const TRUSTED_DEVICE_COOKIE = "paydesk-trusted-device";
export const TRUSTED_DEVICE_MAX_AGE_SECONDS = TRUSTED_DEVICE_DAYS * 24 * 60 * 60;

/** "Remember this device": a random token for a cookie; only its hash is stored. */
export async function rememberDevice(userId: string, userAgent: string | null, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.trustedDevice.create({ data: { userId, tokenHash: tokenHash(token), userAgent, expiresAt: new Date(now.getTime() + TRUSTED_DEVICE_MAX_AGE_SECONDS * 1000) } });
  return token;
}

export async function isRememberedDevice(userId: string, token: string | undefined, now = new Date()): Promise<boolean> {
  if (!token) return false;
  const device = await db.trustedDevice.findUnique({ where: { tokenHash: tokenHash(token) }, select: { userId: true, expiresAt: true } });
  return !!device && device.userId === userId && device.expiresAt.getTime() > now.getTime();
}
