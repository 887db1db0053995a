import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type RoleName } from "./permissions";

// The specification, written out independently of the table it checks.
const EXPECTED: Record<RoleName, Permission[]> = {
  ADMIN: [...PERMISSIONS],
  MANAGER: [
    "dashboard:view", "merchants:read", "customers:read", "transactions:read", "batches:read", "mirror:lookup-live", "sync:run", "access-ids:read", "access-ids:validate", "access-ids:test-request",
    "transactions:refund", "transactions:void", "transactions:capture", "transactions:email-receipt", "refunds:approve", "customers:charge",
    "payments:read", "payment-requests:read", "payers:read", "payments:refund", "payment-requests:create", "payment-requests:expire", "payers:charge",
    "profile:update", "transactions:export", "customers:export", "batches:export", "payments:export", "audit:read-money", "audit:export",
  ],
  VIEWER: ["dashboard:view", "merchants:read", "customers:read", "transactions:read", "batches:read", "sync:run", "access-ids:read", "payments:read", "payment-requests:read", "payers:read", "profile:update"],
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
    for (const permission of ["users:manage", "users:read", "merchants:manage", "merchant-keys:manage", "audit:read", "access-ids:rotate", "access-ids:expire", "access-ids:recover", "transactions:adjust", "batches:close", "payers:manage"] as const) {
      expect(can("MANAGER", permission)).toBe(false);
      expect(can("ADMIN", permission)).toBe(true);
    }
  });
});
