/**
 * Roles as data: what each role may do. Every server action and page names one of
 * these permissions and checks it on the server; hiding a button is only cosmetic.
 * A permission is declared only once something checks it (lib/auth/permissions-checked.test.ts
 * fails otherwise).
 */
export const ROLES = ["ADMIN", "MANAGER", "VIEWER"] as const;
export type RoleName = (typeof ROLES)[number];

export const PERMISSIONS = [
  "dashboard:view",
  "customers:read",
  "transactions:read",
  /** Ask USAePay for a record the mirror has never seen (a detail page's "Look up live"). */
  "mirror:lookup-live",
  "transactions:refund",
  "transactions:void",
  "transactions:capture",
  "transactions:adjust",
  "transactions:email-receipt",
  "refunds:approve",
  "customers:charge",
  "batches:read",
  "batches:close",
  "sync:run",
  "access-ids:read",
  "access-ids:validate",
  "access-ids:test-request",
  "access-ids:rotate",
  "access-ids:expire",
  "access-ids:recover",
  // ClientPay in the desk: payments (refund/void), payment requests (hosted invoice pages), payers.
  "payments:read",
  "payments:refund",
  "payment-requests:read",
  "payment-requests:create",
  "payment-requests:expire",
  "payers:read",
  "payers:charge",
  "payers:manage",
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
  "batches:export",
  "payments:export",
  /** Only the money events (refunds, voids, payments …) of the accounts granted to the viewer. */
  "audit:read-money",
  "profile:update",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everyone signed in: see the accounts granted to them, their tables and the mirror's Refresh. */
const READ: Permission[] = [
  "dashboard:view",
  "merchants:read",
  "customers:read",
  "transactions:read",
  "batches:read",
  "sync:run",
  "access-ids:read",
  "payments:read",
  "payment-requests:read",
  "payers:read",
  "profile:update",
];

/**
 * Managers move money day to day: refunds (and approving a colleague's refund above the account's
 * limit), voids, captures, charging a customer's saved card, emailing receipts. Adjusting an
 * amount and closing a batch early stay with admins.
 */
const MONEY: Permission[] = ["transactions:refund", "transactions:void", "transactions:capture", "transactions:email-receipt", "refunds:approve", "customers:charge"];

/** ClientPay's: refunds and voids, payment requests, charging a saved method. Payer records are the admins'. */
const CLIENTPAY_MONEY: Permission[] = ["payments:refund", "payment-requests:create", "payment-requests:expire", "payers:charge"];

/** Numbers (issue 13): exports of the tables they read, and the money events of their own accounts. */
const NUMBERS: Permission[] = ["transactions:export", "customers:export", "batches:export", "payments:export", "audit:read-money", "audit:export"];

export const ROLE_PERMISSIONS: Record<RoleName, ReadonlySet<Permission>> = {
  ADMIN: new Set(PERMISSIONS),
  MANAGER: new Set<Permission>([...READ, ...MONEY, ...CLIENTPAY_MONEY, "mirror:lookup-live", "access-ids:validate", "access-ids:test-request", ...NUMBERS]),
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
