import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { insertUser } from "./internal/users";

/**
 * Helpers for DB tests: unique users and merchants, so tests never collide. A viewer comes with
 * a session that has just signed in (so step-up-guarded changes pass); `stale: true` gives one
 * whose last password entry is older than the step-up window.
 */
export async function makeViewer(role: Viewer["role"], options: { stale?: boolean } = {}): Promise<Viewer> {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
  const user = await insertUser({ email, name: `${role} tester`, role, password: "long-enough-password" }, { actor: null });
  const session = await createSession(user.id, "active", META);
  if (options.stale) await db.userSession.update({ where: { id: session.id }, data: { reauthenticatedAt: new Date(Date.now() - 6 * 60 * 1000) } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
}

export async function makeMerchant(name = `Test merchant ${randomUUID().slice(0, 8)}`) {
  return db.merchantAccount.create({
    data: { name, slug: `test-${randomUUID()}`, environment: "emulator" },
    select: { id: true, slug: true, name: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true, createdAt: true },
  });
}

export const META = { ip: "198.51.100.7", userAgent: "vitest" };
