/**
 * Seeds the demo: users (re-running resets their role, password and enabled state so
 * the printed logins always work), the ClientPay integrator key, and the two demo
 * merchant accounts with sealed credentials and grants. Idempotent. `npm run db:seed`.
 */
import "../scripts/load-env";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record";
import { replaceCurrentCredentials, storeIntegratorKey } from "@/lib/dal/internal/credentials";
import { DEMO_BUSINESS_HOURS, DEMO_INTEGRATOR_KEY, DEMO_MERCHANTS } from "./demo-merchants";
import { DEMO_USERS, printDemoLogins } from "./demo-users";

export async function seedDemoUsers() {
  for (const user of DEMO_USERS) {
    const passwordHash = await hashPassword(user.password);
    const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
    const saved = await db.user.upsert({
      where: { email: user.email },
      create: { email: user.email, name: user.name, role: user.role, passwordHash },
      update: { name: user.name, role: user.role, passwordHash, disabled: false, mustChangePassword: false },
    });
    // Sessions signed in before the reseed end; two-factor enrolment is kept (the admin enrols on first sign-in).
    await db.userSession.updateMany({ where: { userId: saved.id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: "reseeded" } });
    if (!existing) {
      await recordAuditEvent({ actor: null, action: "user.create", targetType: "user", targetId: saved.id, details: { email: saved.email, role: saved.role, via: "seed" } });
    }
  }
}

export async function seedDemoMerchants() {
  if (!(await db.installationSecret.findUnique({ where: { name: "clientpay.integratorKey" } }))) {
    await storeIntegratorKey(DEMO_INTEGRATOR_KEY, { actor: null });
  }
  const staff = await db.user.findMany({ where: { email: { in: DEMO_USERS.filter((user) => user.role !== "ADMIN").map((user) => user.email) } } });
  for (const demo of DEMO_MERCHANTS) {
    const merchant = await db.merchantAccount.upsert({
      where: { slug: demo.slug },
      create: { slug: demo.slug, name: demo.name, environment: "emulator", ...DEMO_BUSINESS_HOURS },
      update: {},
    });
    for (const gateway of ["usaepay", "clientpay"] as const) {
      const stored = await db.merchantCredential.findFirst({ where: { merchantAccountId: merchant.id, gateway, slot: "current" } });
      // Only when missing: a rotation made in the demo survives a restart.
      if (!stored) await replaceCurrentCredentials(merchant.id, gateway, demo[gateway], { actor: null });
    }
    if (demo.grantToStaff) {
      for (const user of staff) {
        await db.merchantGrant.upsert({
          where: { userId_merchantAccountId: { userId: user.id, merchantAccountId: merchant.id } },
          create: { userId: user.id, merchantAccountId: merchant.id },
          update: {},
        });
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await seedDemoUsers();
  await seedDemoMerchants();
  printDemoLogins();
  await db.$disconnect();
}
