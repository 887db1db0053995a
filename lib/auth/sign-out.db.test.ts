import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeViewer } from "@/lib/dal/test-fixtures";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { checkSession } from "./sessions";
import { signOutSession } from "./sign-out";

/** A sign-out request as the browser sends it: the session cookie next-auth issued. */
async function signOutRequest(token: { uid: string; sid?: string } | null, headers: Record<string, string> = {}) {
  const all = new Headers({ "user-agent": "vitest-browser", ...headers });
  if (token) all.set("cookie", `next-auth.session-token=${await encode({ token, secret: authOptions.secret! })}`);
  return new NextRequest("http://localhost/api/auth/signout", { method: "POST", headers: all });
}

const signOuts = (userId: string) => db.auditEvent.findMany({ where: { action: "auth.sign_out", targetId: userId } });

describe("sign-out", () => {
  it("ends the session record, so the same cookie is refused afterwards", async () => {
    const viewer = await makeViewer("MANAGER");
    expect((await checkSession(viewer.sessionId!, { activity: false })).ok).toBe(true);
    await signOutSession(await signOutRequest({ uid: viewer.id, sid: viewer.sessionId }));
    expect(await checkSession(viewer.sessionId!, { activity: false })).toEqual({ ok: false, reason: "revoked" });
    const row = await db.userSession.findUniqueOrThrow({ where: { id: viewer.sessionId } });
    expect(row.revokedReason).toBe("sign_out");
  });

  it("records who signed out; a client's X-Forwarded-For is not taken as their address", async () => {
    const viewer = await makeViewer("MANAGER");
    await signOutSession(await signOutRequest({ uid: viewer.id, sid: viewer.sessionId }, { "x-forwarded-for": "203.0.113.9" }));
    const rows = await signOuts(viewer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: viewer.id, actorEmail: viewer.email, targetType: "user", outcome: "success", userAgent: "vitest-browser" });
    expect(rows[0]!.ip).not.toBe("203.0.113.9");
  });

  it("records nothing without a valid session, or for a user that no longer exists", async () => {
    const before = await db.auditEvent.count({ where: { action: "auth.sign_out" } });
    await signOutSession(await signOutRequest(null));
    await signOutSession(await signOutRequest({ uid: "no-such-user" }));
    const forged = new NextRequest("http://localhost/api/auth/signout", { method: "POST", headers: { cookie: "next-auth.session-token=not-a-jwt" } });
    await signOutSession(forged);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_out" } })).toBe(before);
  });
});
