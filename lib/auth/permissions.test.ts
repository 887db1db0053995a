import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type RoleName } from "./permissions";

// The specification, written out independently of the table it checks.
const EXPECTED: Record<RoleName, Permission[]> = {
  ADMIN: [...PERMISSIONS],
  MANAGER: [
    "dashboard:view", "merchants:read", "customers:read", "transactions:read", "sync:run", "access-ids:read", "access-ids:validate", "access-ids:test-request",
    "transactions:export", "customers:export", "audit:read-money", "audit:export", "profile:update",
  ],
  VIEWER: ["dashboard:view", "merchants:read", "customers:read", "transactions:read", "sync:run", "access-ids:read", "profile:update"],
};

describe("permission table", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("never lets a viewer change or take away anything but their own profile", () => {
    const writes = PERMISSIONS.filter((permission) => !permission.endsWith(":read") && !["dashboard:view", "sync:run", "profile:update"].includes(permission));
    for (const permission of writes) expect(can("VIEWER", permission)).toBe(false);
  });

  it("keeps users, merchants, keys and the audit log to admins", () => {
    for (const permission of ["users:manage", "users:read", "merchants:manage", "merchant-keys:manage", "audit:read", "access-ids:rotate", "access-ids:expire", "access-ids:recover"] as const) {
      expect(can("MANAGER", permission)).toBe(false);
      expect(can("ADMIN", permission)).toBe(true);
    }
  });
});
