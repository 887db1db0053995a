/**
 * Seeds the demo users (idempotent: re-running resets their role, password and
 * enabled state so the printed logins always work). `npm run db:seed`.
 */
import "../scripts/load-env";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/dal/audit";
import { DEMO_USERS, printDemoLogins } from "./demo-users";

export async function seedDemoUsers() {
  for (const user of DEMO_USERS) {
    const passwordHash = await hashPassword(user.password);
    const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
    const saved = await db.user.upsert({
      where: { email: user.email },
      create: { email: user.email, name: user.name, role: user.role, passwordHash },
      // A new session version ends sessions that were signed in before the reseed.
      update: { name: user.name, role: user.role, passwordHash, disabled: false, sessionVersion: { increment: 1 } },
    });
    if (!existing) {
      await recordAuditEvent({ actor: null, action: "user.create", targetType: "user", targetId: saved.id, details: { email: saved.email, role: saved.role, via: "seed" } });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await seedDemoUsers();
  printDemoLogins();
  await db.$disconnect();
}
