import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { makeViewer } from "@/lib/dal/test-fixtures";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { recordSignOut } from "./sign-out";

/** A sign-out request as the browser sends it: the session cookie next-auth issued, through a proxy. */
async function signOutRequest(uid: string | null) {
  const headers = new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1", "user-agent": "vitest-browser" });
  if (uid) headers.set("cookie", `next-auth.session-token=${await encode({ token: { uid, sv: 1 }, secret: authOptions.secret! })}`);
  return new NextRequest("http://localhost/api/auth/signout", { method: "POST", headers });
}

const signOuts = (userId: string) => db.auditEvent.findMany({ where: { action: "auth.sign_out", targetId: userId } });

describe("sign-out audit", () => {
  it("records who signed out, from which address", async () => {
    const viewer = await makeViewer("MANAGER");
    await recordSignOut(await signOutRequest(viewer.id));
    const rows = await signOuts(viewer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: viewer.id, actorEmail: viewer.email, targetType: "user", outcome: "success", ip: "203.0.113.9", userAgent: "vitest-browser" });
  });

  it("records nothing without a valid session, or for a user that no longer exists", async () => {
    const before = await db.auditEvent.count({ where: { action: "auth.sign_out" } });
    await recordSignOut(await signOutRequest(null));
    await recordSignOut(await signOutRequest("no-such-user"));
    const forged = new NextRequest("http://localhost/api/auth/signout", { method: "POST", headers: { cookie: "next-auth.session-token=not-a-jwt" } });
    await recordSignOut(forged);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_out" } })).toBe(before);
  });
});
