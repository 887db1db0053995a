import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { after } from "next/server";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { safeCallbackPath } from "./callback-url";
import { ACTIVITY_HEADER, PATH_HEADER } from "./request-headers";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import { checkSession, sessionPolicy, type SessionRecord, type SessionStage } from "./sessions";
import { twoFactorEnabled, twoFactorRequiredFor } from "./two-factor";
import type { Viewer } from "./viewer";

/**
 * The session of this request, re-read from the database every time, never trusted from the
 * cookie alone: the cookie names a session record (lib/auth/sessions.ts), which must be open,
 * within its idle timeout and absolute lifetime, and in its "active" stage, for a user who is
 * still enabled. Cached per request so a page and its components share one read.
 *
 * What counts as activity (restarting the idle timer): a page view or a server action, as
 * proxy.ts marks them. Background polls (route handlers under /api, link prefetches) only
 * check the session, so a tab left open does not keep it alive.
 */
export type SessionState =
  | { kind: "signed-in"; viewer: Viewer; session: SessionRecord }
  | { kind: "pending"; stage: Exclude<SessionStage, "active">; session: SessionRecord; user: PendingUser }
  | { kind: "signed-out"; reason: "none" | "ended" };

export interface PendingUser {
  id: string;
  email: string;
  name: string;
  role: Viewer["role"];
}

export const getSessionState = cache(async (): Promise<SessionState> => {
  const { sid, uid } = await tokenIds();
  if (!sid || !uid) return { kind: "signed-out", reason: "none" };
  const incoming = await headers();
  const check = await checkSession(sid, { activity: incoming.get(ACTIVITY_HEADER) === "1", defer: afterResponse });
  if (!check.ok) return { kind: "signed-out", reason: check.reason === "missing" ? "none" : "ended" };
  const session = check.session;
  if (session.userId !== uid) return { kind: "signed-out", reason: "none" };
  const user = await db.user.findUnique({ where: { id: uid }, select: { id: true, email: true, name: true, role: true, disabled: true, timeZone: true } });
  if (!user || user.disabled) return { kind: "signed-out", reason: "ended" };
  const person = { id: user.id, email: user.email, name: user.name, role: user.role };
  if (session.stage !== "active") return { kind: "pending", stage: session.stage as Exclude<SessionStage, "active">, session, user: person };
  // Promoted to a role that needs 2FA while signed in: enrol before going on (PCI DSS 8.4.2).
  if (twoFactorRequiredFor(user.role) && !(await twoFactorEnabled(user.id))) return { kind: "pending", stage: "enrol", session, user: person };
  return { kind: "signed-in", viewer: { ...person, sessionId: session.id, ...(user.timeZone ? { timeZone: user.timeZone } : {}) }, session };
});

/** Restarting the idle timer need not hold up the page: the write runs once the response is sent. */
function afterResponse(write: () => Promise<unknown>) {
  after(async () => {
    await write().catch((error: unknown) => logger.warn({ err: error }, "session: could not record activity"));
  });
}

/** The ids the session cookie (next-auth's encrypted JWT) carries; nothing else in it is trusted. */
async function tokenIds(): Promise<{ sid?: string; uid?: string }> {
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as never, secret: authOptions.secret });
  return { uid: typeof token?.uid === "string" ? token.uid : undefined, sid: typeof token?.sid === "string" ? token.sid : undefined };
}

export async function getViewer(): Promise<Viewer | null> {
  const state = await getSessionState();
  return state.kind === "signed-in" ? state.viewer : null;
}

const STAGE_PATHS: Record<Exclude<SessionStage, "active">, string> = {
  mfa: "/login/verify",
  enrol: "/login/enrol",
  password: "/login/password",
};

export function stagePath(stage: Exclude<SessionStage, "active">): string {
  return STAGE_PATHS[stage];
}

/** The page this request is for (set by proxy.ts), to come back to after signing in. */
export async function currentPath(): Promise<string> {
  return (await headers()).get(PATH_HEADER) ?? "/";
}

/**
 * For pages: a signed-out visitor goes to sign-in (told when their session ended), one midway
 * through signing in to the stage they owe; both come back to this page afterwards.
 */
export async function requireViewer(): Promise<Viewer> {
  const state = await getSessionState();
  if (state.kind === "signed-in") return state.viewer;
  const back = encodeURIComponent(await currentPath());
  if (state.kind === "pending") redirect(`${stagePath(state.stage)}?callbackUrl=${back}`);
  redirect(`/login?callbackUrl=${back}${state.reason === "ended" ? "&reason=ended" : ""}`);
}

/** For pages: a viewer without the permission sees the "not allowed" page (app/forbidden.tsx). */
export async function requirePermission(permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!can(viewer.role, permission)) forbidden();
  return viewer;
}

/** The idle timeout and warning the dashboard shell counts down (lib/env: SESSION_IDLE_*). */
export function idlePolicy(): { idleMs: number; warningMs: number } {
  return { idleMs: sessionPolicy.idleMs, warningMs: Math.min(env.SESSION_IDLE_WARNING_SECONDS * 1000, sessionPolicy.idleMs / 2) };
}

/** Served over https (NEXTAUTH_URL): cookies are Secure and HSTS is sent. */
export function isHttpsDeployment(): boolean {
  return env.NEXTAUTH_URL.startsWith("https://");
}

/** Where a sign-in goes afterwards: a same-origin path only, resolved against NEXTAUTH_URL. */
export function signInCallbackPath(raw: unknown): string {
  return safeCallbackPath(raw, env.NEXTAUTH_URL);
}
