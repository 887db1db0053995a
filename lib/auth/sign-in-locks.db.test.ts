import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { env } from "node:process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { insertUser } from "@/lib/dal/internal/users";
import { db } from "@/lib/db";
import { clearSignInLock, listSignInLocks, signInLockState } from "./sign-in-locks";
import { signInWithPassword, SignInRefused } from "./sign-in";

const run = promisify(execFile);
const PASSWORD = "correct-battery-horse-staple";

async function makeUser() {
  const email = `lock-${randomUUID()}@test.example`;
  await insertUser({ email, name: "Lock tester", role: "VIEWER", password: PASSWORD }, { actor: null });
  return email;
}

const meta = (ip: string) => ({ ip, userAgent: "vitest" });

// Every attempt hashes a password (argon2id), so these take a few seconds each.
describe("sign-in locks", { timeout: 30_000 }, () => {
  it("locks an account after 10 failures from 10 different addresses; then even the right password is refused", async () => {
    const email = await makeUser();
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(await signInWithPassword({ email, password: "wrong-password" }, meta(`203.0.113.${attempt + 1}`))).toBeNull();
    }
    expect((await signInLockState({ email, ip: "198.51.100.1" })).locked).toBe(true);
    await expect(signInWithPassword({ email, password: PASSWORD }, meta("198.51.100.1"))).rejects.toBeInstanceOf(SignInRefused);
    const locks = await listSignInLocks();
    expect(locks.find((lock) => lock.scope === "account" && lock.subject === email)).toMatchObject({ failures: 10 });
    const lockEvents = await db.auditEvent.findMany({ where: { action: "auth.lock" }, select: { details: true } });
    expect(lockEvents.filter((event) => (event.details as { email?: string } | null)?.email === email)).toHaveLength(1);
  });

  it("an admin's unlock lets the right password in again", async () => {
    const email = await makeUser();
    for (let attempt = 0; attempt < 10; attempt++) await signInWithPassword({ email, password: "wrong-password" }, meta("192.0.2.10"));
    expect(await clearSignInLock("account", email)).toBe(true);
    await clearSignInLock("address", "192.0.2.10");
    expect(await signInWithPassword({ email, password: PASSWORD }, meta("192.0.2.10"))).toMatchObject({ stage: "active" });
  });

  it("a success clears the account's earlier failures", async () => {
    const email = await makeUser();
    for (let attempt = 0; attempt < 9; attempt++) await signInWithPassword({ email, password: "wrong-password" }, meta("192.0.2.20"));
    expect(await signInWithPassword({ email, password: PASSWORD }, meta("192.0.2.20"))).not.toBeNull();
    expect(await signInWithPassword({ email, password: "wrong-password" }, meta("192.0.2.20"))).toBeNull();
    expect((await signInLockState({ email, ip: null })).locked).toBe(false);
  });

  it("locks an address after 50 failures across accounts", async () => {
    const ip = `192.0.2.${100 + Math.floor(Math.random() * 100)}`;
    for (let attempt = 0; attempt < 50; attempt++) await signInWithPassword({ email: `nobody-${randomUUID()}@test.example`, password: "x-wrong-password" }, meta(ip));
    const email = await makeUser();
    await expect(signInWithPassword({ email, password: PASSWORD }, meta(ip))).rejects.toBeInstanceOf(SignInRefused);
    await clearSignInLock("address", ip);
  }, 60_000);

  it("holds across two processes sharing the database: 5 + 5 failures lock the account", async () => {
    const email = await makeUser();
    const script = "lib/auth/test-sign-in-worker.ts";
    await Promise.all([
      run("node_modules/.bin/tsx", ["--import", "./scripts/server-only.mjs", script, email, "5", "203.0.113.50"], { env }),
      run("node_modules/.bin/tsx", ["--import", "./scripts/server-only.mjs", script, email, "5", "203.0.113.51"], { env }),
    ]);
    expect((await signInLockState({ email, ip: "198.51.100.99" })).locked).toBe(true);
    await expect(signInWithPassword({ email, password: PASSWORD }, meta("198.51.100.99"))).rejects.toBeInstanceOf(SignInRefused);
  }, 60_000);
});
