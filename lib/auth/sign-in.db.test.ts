import { describe, expect, it } from "vitest";
import { makeViewer, META } from "@/lib/dal/test-fixtures";
import { db } from "@/lib/db";
import { checkSession } from "./sessions";
import { advanceSession, answerSecondFactor, signInWithPassword } from "./sign-in";
import { signInLockState } from "./sign-in-locks";
import { pendingEnrolment, rememberDevice } from "./two-factor";

const PASSWORD = "long-enough-password";

async function enrolled(role: "ADMIN" | "MANAGER") {
  const viewer = await makeViewer(role);
  await pendingEnrolment(viewer);
  await db.userTwoFactor.update({ where: { userId: viewer.id }, data: { enabledAt: new Date() } });
  return viewer;
}

describe("signing in, step by step", () => {
  it("a password alone opens a session that is not signed in until the code", async () => {
    const viewer = await enrolled("MANAGER");
    const result = (await signInWithPassword({ email: viewer.email, password: PASSWORD }, META))!;
    expect(result.stage).toBe("mfa");
    const session = await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session.stage).toBe("mfa");
    expect(session.reauthenticatedAt).toBeNull();
    expect(await advanceSession(session, { secondFactor: true }, META, "test")).toBe("active");
    expect((await checkSession(session.id, { activity: false })).ok).toBe(true);
  });

  it("an admin without 2FA owes enrolment; a manager without it is signed in at once", async () => {
    const admin = await makeViewer("ADMIN");
    const manager = await makeViewer("MANAGER");
    expect((await signInWithPassword({ email: admin.email, password: PASSWORD }, META))!.stage).toBe("enrol");
    expect((await signInWithPassword({ email: manager.email, password: PASSWORD }, META))!.stage).toBe("active");
  });

  it("a remembered device skips the code, for that user only", async () => {
    const viewer = await enrolled("MANAGER");
    const other = await enrolled("MANAGER");
    const token = await rememberDevice(viewer.id, "vitest");
    expect((await signInWithPassword({ email: viewer.email, password: PASSWORD }, META, token))!.stage).toBe("active");
    expect((await signInWithPassword({ email: other.email, password: PASSWORD }, META, token))!.stage).toBe("mfa");
  });

  it("wrong codes count towards the account lock: the password cannot reset the count between guesses", async () => {
    const viewer = await enrolled("MANAGER");
    for (let attempt = 0; attempt < 10; attempt++) {
      // Each round: the right password, then a wrong code.
      expect((await signInWithPassword({ email: viewer.email, password: PASSWORD }, META))!.stage).toBe("mfa");
      expect(await answerSecondFactor(viewer, "000000", META)).toMatchObject({ ok: false });
    }
    expect((await signInLockState({ email: viewer.email, ip: null })).locked).toBe(true);
    expect(await answerSecondFactor(viewer, "123456", META)).toEqual({ ok: false, locked: true });
  }, 60_000);
});
