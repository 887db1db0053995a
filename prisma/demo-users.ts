import type { RoleName } from "@/lib/auth/permissions";

/**
 * The demo logins `npm run demo` seeds and prints, one per role. Demo only: they
 * exist so a first run and the e2e tests can sign in; never seed them in production.
 */
export const DEMO_USERS: { email: string; name: string; role: RoleName; password: string }[] = [
  { email: "admin@paydesk.test", name: "Ada Admin", role: "ADMIN", password: "demo-admin-password" },
  { email: "manager@paydesk.test", name: "Max Manager", role: "MANAGER", password: "demo-manager-password" },
  { email: "viewer@paydesk.test", name: "Vera Viewer", role: "VIEWER", password: "demo-viewer-password" },
];

export function printDemoLogins() {
  console.log("\nDemo logins (demo data only):");
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(8)} ${user.email.padEnd(24)} ${user.password}`);
  console.log("  The admin sets up two-factor sign-in (an authenticator app) at the first sign-in.");
}
