import { describe, expect, it } from "vitest";
import { createSession, checkSession } from "@/lib/auth/sessions";
import { hasRecentAuthentication } from "@/lib/auth/step-up";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { pendingEnrolment, twoFactorEnabled } from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { changeMyPassword, confirmMyIdentity, endMySession, signOutEverywhere } from "./account";
import { makeViewer, META } from "./test-fixtures";
import { resetUserTwoFactor, setTemporaryPassword } from "./users";

const PASSWORD = "long-enough-password"; // what makeViewer gives every test user

describe("one's own account", () => {
  it("step-up: a wrong password is refused and counted, the right one renews the window", async () => {
    const viewer = await makeViewer("ADMIN", { stale: true });
    expect(await hasRecentAuthentication(viewer)).toBe(false);
    await expect(confirmMyIdentity(viewer, { password: "not-my-password" }, META)).rejects.toThrow(/not right/);
    expect(await hasRecentAuthentication(viewer)).toBe(false);
    await confirmMyIdentity(viewer, { password: PASSWORD }, META);
    expect(await hasRecentAuthentication(viewer)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { actorId: viewer.id, action: "auth.step_up" }, orderBy: { at: "asc" } });
    expect(events.map((event) => event.outcome)).toEqual(["failure", "success"]);
    expect(events[1]!.ip).toBe(META.ip);
  });

  it("step-up asks for a code too once 2FA is on", async () => {
    const viewer = await makeViewer("ADMIN", { stale: true });
    await pendingEnrolment(viewer);
    await db.userTwoFactor.update({ where: { userId: viewer.id }, data: { enabledAt: new Date() } });
    await expect(confirmMyIdentity(viewer, { password: PASSWORD }, META)).rejects.toThrow(/authenticator app/);
    expect(await hasRecentAuthentication(viewer)).toBe(false);
  });

  it("a password change needs the current one, refuses a common one, and ends the other sessions", async () => {
    const viewer = await makeViewer("MANAGER");
    const other = await createSession(viewer.id, "active", META);
    await expect(changeMyPassword(viewer, { currentPassword: "wrong-current-password", newPassword: "a-much-better-passphrase-2026" }, META)).rejects.toThrow(/current password is not right/);
    await expect(changeMyPassword(viewer, { currentPassword: PASSWORD, newPassword: "password12345" }, META)).rejects.toThrow(/too easy to guess/);
    await changeMyPassword(viewer, { currentPassword: PASSWORD, newPassword: "a-much-better-passphrase-2026" }, META);
    expect((await checkSession(other.id, { activity: false })).ok).toBe(false);
    expect((await checkSession(viewer.sessionId!, { activity: false })).ok).toBe(true);
    expect(await signInWithPassword({ email: viewer.email, password: "a-much-better-passphrase-2026" }, META)).not.toBeNull();
  });

  it("ends only one's own sessions", async () => {
    const viewer = await makeViewer("VIEWER");
    const stranger = await makeViewer("VIEWER");
    await expect(endMySession(viewer, stranger.sessionId!, META)).rejects.toThrow(/no longer open/);
    expect((await checkSession(stranger.sessionId!, { activity: false })).ok).toBe(true);
    expect(await signOutEverywhere(viewer, META, { includingThis: true })).toBe(1);
  });
});

describe("an admin helping a colleague", () => {
  it("resets their 2FA (step-up required): secret gone, sessions ended, audited", async () => {
    const colleague = await makeViewer("ADMIN");
    await pendingEnrolment(colleague);
    await db.userTwoFactor.update({ where: { userId: colleague.id }, data: { enabledAt: new Date() } });
    await expect(resetUserTwoFactor(await makeViewer("ADMIN", { stale: true }), colleague.id, META)).rejects.toMatchObject({ code: "step_up_required" });
    expect(await twoFactorEnabled(colleague.id)).toBe(true);

    const admin = await makeViewer("ADMIN");
    await resetUserTwoFactor(admin, colleague.id, META);
    expect(await twoFactorEnabled(colleague.id)).toBe(false);
    expect((await checkSession(colleague.sessionId!, { activity: false })).ok).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "user.two_factor_reset", targetId: colleague.id, actorId: admin.id } })).toBe(1);
    // Their next sign-in must enrol again (an admin).
    expect(await signInWithPassword({ email: colleague.email, password: PASSWORD }, META)).toMatchObject({ stage: "enrol" });
  });

  it("sets a temporary password that must be changed at the next sign-in", async () => {
    const admin = await makeViewer("ADMIN");
    const colleague = await makeViewer("VIEWER");
    await setTemporaryPassword(admin, colleague.id, "temporary-horse-battery-9", META);
    expect((await checkSession(colleague.sessionId!, { activity: false })).ok).toBe(false);
    expect(await signInWithPassword({ email: colleague.email, password: PASSWORD }, META)).toBeNull();
    expect(await signInWithPassword({ email: colleague.email, password: "temporary-horse-battery-9" }, META)).toMatchObject({ stage: "password" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.temporary_password", targetId: colleague.id } });
    expect(JSON.stringify(event.details)).not.toContain("temporary-horse-battery-9");
  });
});
