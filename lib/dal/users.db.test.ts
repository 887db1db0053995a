import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { insertUser } from "./internal/users";
import { changeUserRole, listUsers, setUserDisabled } from "./users";

const meta = { ip: "203.0.113.9", userAgent: "vitest" };

async function makeUser(role: "ADMIN" | "MANAGER" | "VIEWER") {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
  const user = await insertUser({ email, name: `${role} user`, role, password: "long-enough-password" }, { actor: null });
  // Signed in just now: step-up-guarded changes (a role change) pass.
  const session = await createSession(user.id, "active", meta);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id } satisfies Viewer;
}

describe("users data layer", () => {
  it("stores an argon2id hash, never the password, and audits the creation", async () => {
    const user = await makeUser("VIEWER");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("long-enough-password");
    const events = await db.auditEvent.findMany({ where: { targetId: user.id, action: "user.create" } });
    expect(events).toHaveLength(1);
  });

  it("refuses a duplicate email with a safe message", async () => {
    const user = await makeUser("VIEWER");
    await expect(insertUser({ email: user.email.toUpperCase(), name: "Again", role: "VIEWER", password: "long-enough-password" }, { actor: null })).rejects.toThrow(
      /already exists/,
    );
  });

  it("lets an admin change a role, audited with actor and IP", async () => {
    const admin = await makeUser("ADMIN");
    const viewer = await makeUser("VIEWER");
    await changeUserRole(admin, viewer.id, "MANAGER", meta);
    expect((await db.user.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe("MANAGER");
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: viewer.id, action: "user.change_role" } });
    expect(event.actorId).toBe(admin.id);
    expect(event.ip).toBe("203.0.113.9");
    expect(event.details).toMatchObject({ from: "VIEWER", to: "MANAGER" });
  });

  it("refuses role changes and listing to a manager, in the data layer itself", async () => {
    const manager = await makeUser("MANAGER");
    const viewer = await makeUser("VIEWER");
    await expect(changeUserRole(manager, viewer.id, "ADMIN", meta)).rejects.toBeInstanceOf(AppError);
    await expect(listUsers(manager)).rejects.toBeInstanceOf(AppError);
    expect((await db.user.findUniqueOrThrow({ where: { id: viewer.id } })).role).toBe("VIEWER");
  });

  it("refuses an admin changing their own role", async () => {
    const admin = await makeUser("ADMIN");
    await expect(changeUserRole(admin, admin.id, "VIEWER", meta)).rejects.toThrow(/your own/);
  });

  it("ends a disabled user's sessions by bumping the session version", async () => {
    const admin = await makeUser("ADMIN");
    const viewer = await makeUser("VIEWER");
    const before = await db.user.findUniqueOrThrow({ where: { id: viewer.id } });
    await setUserDisabled(admin, viewer.id, true, meta);
    const after = await db.user.findUniqueOrThrow({ where: { id: viewer.id } });
    expect(after.disabled).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
  });
});

describe("audit log", () => {
  it("is append-only in the database: updates and deletes are refused", async () => {
    const user = await makeUser("VIEWER");
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: user.id } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).action).toBe("user.create");
  });
});
