/**
 * Roles as data: what each role may do. Every server action and page names one of
 * these permissions and checks it on the server; hiding a button is only cosmetic.
 * A permission is declared only once something checks it (lib/auth/permissions-checked.test.ts
 * fails otherwise): the refund and void actions add theirs when they arrive.
 */
export const ROLES = ["ADMIN", "MANAGER", "VIEWER"] as const;
export type RoleName = (typeof ROLES)[number];

export const PERMISSIONS = [
  "dashboard:view",
  "customers:read",
  "transactions:read",
  "sync:run",
  "access-ids:read",
  "access-ids:validate",
  "access-ids:test-request",
  "access-ids:rotate",
  "access-ids:expire",
  "access-ids:recover",
  "merchants:read",
  "merchants:manage",
  "merchant-keys:manage",
  "users:read",
  "users:manage",
  "audit:read",
  // Numbers & time (issue 13): exports per table, the managers' slice of the audit log, own profile.
  "transactions:export",
  "customers:export",
  "audit:export",
  /** Only the money events (refunds, voids, payments …) of the accounts granted to the viewer. */
  "audit:read-money",
  "profile:update",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everyone signed in: see the accounts granted to them, their tables and the mirror's Refresh. */
const READ: Permission[] = ["dashboard:view", "merchants:read", "customers:read", "transactions:read", "sync:run", "access-ids:read", "profile:update"];

export const ROLE_PERMISSIONS: Record<RoleName, ReadonlySet<Permission>> = {
  ADMIN: new Set(PERMISSIONS),
  MANAGER: new Set<Permission>([...READ, "access-ids:validate", "access-ids:test-request", "transactions:export", "customers:export", "audit:read-money", "audit:export"]),
  VIEWER: new Set<Permission>(READ),
};

export const ROLE_LABELS: Record<RoleName, string> = {
  ADMIN: "Admin",
  MANAGER: "Manager",
  VIEWER: "Viewer",
};

export function can(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
