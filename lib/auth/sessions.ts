import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/request-meta";

/**
 * Server-side session records. The session cookie (a next-auth JWT) carries only the record's
 * id; every request looks the record up (lib/auth/session.ts), so signing out, "sign out
 * everywhere", an admin's reset, the idle timeout and the absolute lifetime all end a session
 * whatever the cookie says.
 */
export type SessionStage = "mfa" | "enrol" | "password" | "active";

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const sessionPolicy: SessionPolicy = {
  idleMs: env.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
  absoluteMs: env.SESSION_MAX_AGE_HOURS * 60 * 60 * 1000,
};

/**
 * Writes of lastActiveAt closer together than this are skipped (a tenth of the idle timeout, at
 * most 30 s): the timeout is minutes long, and every write competes with the sync's for SQLite.
 */
function touchGranularityMs(policy: SessionPolicy): number {
  return Math.min(30_000, policy.idleMs / 10);
}

export interface SessionRecord {
  id: string;
  userId: string;
  stage: string;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  reauthenticatedAt: Date | null;
  revokedAt: Date | null;
}

export async function createSession(userId: string, stage: SessionStage, meta: RequestMeta, now = new Date(), policy = sessionPolicy): Promise<SessionRecord> {
  return db.userSession.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId,
      stage,
      lastActiveAt: now,
      expiresAt: new Date(now.getTime() + policy.absoluteMs),
      // Signing in is a fresh authentication: step-up holds for its first minutes.
      reauthenticatedAt: stage === "active" ? now : null,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
}

export type SessionCheck = { ok: true; session: SessionRecord } | { ok: false; reason: "missing" | "revoked" | "expired" | "idle" };

/**
 * Whether a session is still good at `now`. An idle or expired one is revoked on the spot, so
 * the sessions list and later checks agree. With `activity`, a good session's idle timer
 * starts again (a page view or an action; background polls pass false).
 */
export async function checkSession(
  id: string,
  options: { activity: boolean; now?: Date; policy?: SessionPolicy; defer?: (write: () => Promise<unknown>) => void },
): Promise<SessionCheck> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? sessionPolicy;
  const session = await db.userSession.findUnique({ where: { id } });
  if (!session) return { ok: false, reason: "missing" };
  if (session.revokedAt) return { ok: false, reason: "revoked" };
  if (session.expiresAt.getTime() <= now.getTime()) {
    await revokeSession(id, "expired", now);
    return { ok: false, reason: "expired" };
  }
  if (session.lastActiveAt.getTime() + policy.idleMs <= now.getTime()) {
    await revokeSession(id, "idle", now);
    return { ok: false, reason: "idle" };
  }
  if (options.activity && now.getTime() - session.lastActiveAt.getTime() >= touchGranularityMs(policy)) {
    const touch = () => db.userSession.updateMany({ where: { id, revokedAt: null }, data: { lastActiveAt: now } });
    // A page can be sent before the write: `defer` (Next's after()) runs it once the response is out.
    if (options.defer) options.defer(touch);
    else await touch();
    return { ok: true, session: { ...session, lastActiveAt: now } };
  }
  return { ok: true, session };
}

export async function revokeSession(id: string, reason: string, now = new Date()): Promise<boolean> {
  const { count } = await db.userSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return count === 1;
}

/** Ends every open session of a user (optionally all but one): returns how many ended. */
export async function revokeUserSessions(userId: string, reason: string, options: { except?: string; now?: Date } = {}): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { revokedAt: options.now ?? new Date(), revokedReason: reason },
  });
  return count;
}

export async function setSessionStage(id: string, stage: SessionStage, now = new Date()): Promise<void> {
  await db.userSession.update({
    where: { id },
    data: { stage, lastActiveAt: now, ...(stage === "active" ? { reauthenticatedAt: now } : {}) },
  });
}

export interface SessionListItem {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A user's sessions still in force at `now` (idle or expired ones are left out). */
export async function listOpenSessions(userId: string, now = new Date(), policy = sessionPolicy): Promise<SessionListItem[]> {
  const rows = await db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastActiveAt: { gt: new Date(now.getTime() - policy.idleMs) } },
    orderBy: { lastActiveAt: "desc" },
    select: { id: true, createdAt: true, lastActiveAt: true, expiresAt: true, ip: true, userAgent: true },
  });
  return rows;
}
