import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { insertUser } from "./internal/users";

/** Helpers for DB tests: unique users and merchants, so tests never collide. */
export async function makeViewer(role: Viewer["role"]): Promise<Viewer> {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
  const user = await insertUser({ email, name: `${role} tester`, role, password: "long-enough-password" }, { actor: null });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function makeMerchant(name = `Test merchant ${randomUUID().slice(0, 8)}`) {
  return db.merchantAccount.create({
    data: { name, slug: `test-${randomUUID()}`, environment: "emulator" },
    select: { id: true, slug: true, name: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true, createdAt: true },
  });
}

export const META = { ip: "198.51.100.7", userAgent: "vitest" };
