import { describe, expect, it } from "vitest";
import { makeViewer, META } from "@/lib/dal/test-fixtures";
import { db } from "@/lib/db";
import { checkSession, createSession, listOpenSessions, revokeUserSessions } from "./sessions";

// An injected clock and policy: 15 minutes idle, 12 hours absolute, as the defaults.
const policy = { idleMs: 15 * 60_000, absoluteMs: 12 * 60 * 60_000 };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + minutes * 60_000);

describe("server-side sessions", () => {
  it("ends after 15 idle minutes, and a page view (activity) restarts the timer", async () => {
    const viewer = await makeViewer("VIEWER");
    const session = await createSession(viewer.id, "active", META, at(0), policy);
    expect((await checkSession(session.id, { activity: true, now: at(14), policy })).ok).toBe(true);
    // 14 + 14 minutes: still good, because the view at 14 restarted the timer.
    expect((await checkSession(session.id, { activity: false, now: at(28), policy })).ok).toBe(true);
    // A background poll at 28 did not: 15 minutes after 14 it is over.
    expect(await checkSession(session.id, { activity: false, now: at(29), policy })).toEqual({ ok: false, reason: "idle" });
    // And it stays over: the record was revoked.
    expect(await checkSession(session.id, { activity: true, now: at(29), policy })).toEqual({ ok: false, reason: "revoked" });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: session.id } })).revokedReason).toBe("idle");
  });

  it("ends at its absolute lifetime however active it is", async () => {
    const viewer = await makeViewer("VIEWER");
    const session = await createSession(viewer.id, "active", META, at(0), policy);
    for (let minute = 10; minute < 12 * 60; minute += 10) {
      expect((await checkSession(session.id, { activity: true, now: at(minute), policy })).ok).toBe(true);
    }
    expect(await checkSession(session.id, { activity: true, now: at(12 * 60), policy })).toEqual({ ok: false, reason: "expired" });
  });

  it("sign out everywhere ends every session of the user but no one else's", async () => {
    const viewer = await makeViewer("MANAGER");
    const other = await makeViewer("MANAGER");
    const second = await createSession(viewer.id, "active", META);
    expect(await revokeUserSessions(viewer.id, "sign_out_everywhere")).toBe(2);
    expect((await checkSession(viewer.sessionId!, { activity: false })).ok).toBe(false);
    expect((await checkSession(second.id, { activity: false })).ok).toBe(false);
    expect((await checkSession(other.sessionId!, { activity: false })).ok).toBe(true);
    expect(await listOpenSessions(viewer.id)).toEqual([]);
  });

  it("an unknown session id is signed out", async () => {
    expect(await checkSession("forged-id", { activity: true })).toEqual({ ok: false, reason: "missing" });
  });
});
