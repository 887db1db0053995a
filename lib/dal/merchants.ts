import "server-only";
import { assertRecentAuthentication } from "@/lib/auth/step-up";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import type { Environment } from "@/lib/validation/environments";
import { slugify } from "@/lib/validation/merchants";
import { ALLOW_LIST, endpointsOf, type GatewayDeps } from "@/lib/gateways/clients";
import { gatewayUrlProblem } from "@/lib/gateways/endpoints";
import { reverifyStoredCredentials } from "./internal/credential-checks";
import { assertCan } from "./internal/guards";
import { accessibleTo, merchantFor, summarySelect, type MerchantDto, type MerchantSummaryDto } from "./internal/merchant-access";

export type { MerchantDto, MerchantSummaryDto } from "./internal/merchant-access";

/** The accounts the viewer may see (the switcher, the overview, the admin list). */
export async function listAccessibleMerchants(viewer: Viewer): Promise<MerchantSummaryDto[]> {
  assertCan(viewer, "merchants:read");
  return db.merchantAccount.findMany({ where: accessibleTo(viewer), select: summarySelect, orderBy: { name: "asc" } });
}

/** An account from a URL, for its header and pages: "not found" unless the viewer was granted it. */
export async function getMerchant(viewer: Viewer, slug: string): Promise<MerchantDto> {
  return merchantFor(viewer, "merchants:read", { slug });
}

/** By id, for admin pages and actions (ids come from forms, so they are re-checked here). */
export async function getMerchantForAdmin(viewer: Viewer, merchantId: string): Promise<MerchantDto> {
  return merchantFor(viewer, "merchants:manage", { id: merchantId });
}

export interface MerchantSettings {
  name: string;
  environment: Environment;
  usaepayBaseUrl: string | null;
  usaepayEndpointKey: string | null;
  clientpayBaseUrl: string | null;
  businessTimeZone: string | null;
  batchCloseTime: string | null;
}

async function uniqueSlug(name: string): Promise<string> {
  const base = slugify(name);
  for (let attempt = 1; attempt < 100; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await db.merchantAccount.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new AppError("slug_exhausted", "Choose a more distinctive name for this account.");
}

/** Refuses an override off the allow-list (lib/gateways/endpoints.ts) with a message naming the field. */
function assertAllowedOverrides(settings: MerchantSettings): void {
  for (const [gateway, url, label] of [
    ["usaepay", settings.usaepayBaseUrl, "The USAePay base URL"],
    ["clientpay", settings.clientpayBaseUrl, "The ClientPay base URL"],
  ] as const) {
    const problem = url ? gatewayUrlProblem(gateway, url, ALLOW_LIST) : null;
    if (problem) throw new AppError("gateway_host_not_allowed", `${label} ${problem} Nothing was saved.`);
  }
}

export async function createMerchant(viewer: Viewer, settings: MerchantSettings, meta: RequestMeta): Promise<MerchantSummaryDto> {
  assertCan(viewer, "merchants:manage");
  assertAllowedOverrides(settings);
  const slug = await uniqueSlug(settings.name);
  return db.$transaction(async (tx) => {
    const merchant = await tx.merchantAccount.create({ data: { ...settings, slug }, select: summarySelect });
    await recordAuditEvent(
      { actor: viewer, action: "merchant.create", targetType: "merchant", targetId: merchant.id, meta, details: { name: merchant.name, environment: merchant.environment } },
      tx,
    );
    return merchant;
  });
}

/**
 * Saves an account's settings. The URL overrides must be on the allow-list. A change of host or
 * environment is where keys could be sent somewhere new, so it needs a fresh re-authentication,
 * and the stored keys are checked against the new hosts before anything is saved (a host that
 * does not accept them is refused, and nothing changes). The mirror holds the old host's data:
 * it is cleared with the change, and the next sync walks the new host from the start.
 */
export async function updateMerchantSettings(viewer: Viewer, merchantId: string, settings: MerchantSettings, meta: RequestMeta, deps: GatewayDeps = {}): Promise<void> {
  const before = await getMerchantForAdmin(viewer, merchantId);
  const beforeSettings = {
    name: before.name, environment: before.environment, usaepayBaseUrl: before.usaepayBaseUrl, usaepayEndpointKey: before.usaepayEndpointKey,
    clientpayBaseUrl: before.clientpayBaseUrl, businessTimeZone: before.businessTimeZone, batchCloseTime: before.batchCloseTime,
  };
  const audit = (outcome: "success" | "failure", extra: Record<string, unknown> = {}) => ({
    actor: viewer,
    action: "merchant.update",
    outcome,
    targetType: "merchant",
    targetId: merchantId,
    meta,
    details: JSON.parse(JSON.stringify({ before: beforeSettings, after: { ...settings }, ...extra })),
  });
  try {
    assertAllowedOverrides(settings);
  } catch (error) {
    await recordAuditEvent(audit("failure", { reason: "gateway_host_not_allowed" }));
    throw error;
  }
  const after = endpointsOf(settings);
  const hostsChanged = after.usaepayBaseUrl !== before.endpoints.usaepayBaseUrl || after.clientpayBaseUrl !== before.endpoints.clientpayBaseUrl;
  const environmentChanged = settings.environment !== before.environment;
  let reverified: string[] = [];
  if (hostsChanged || environmentChanged) {
    await assertRecentAuthentication(viewer);
    try {
      reverified = await reverifyStoredCredentials({ id: merchantId, ...settings }, deps);
    } catch (error) {
      await recordAuditEvent(audit("failure", { reason: error instanceof AppError ? error.code : "reverify_failed" }));
      throw error;
    }
  }
  await db.$transaction(async (tx) => {
    await tx.merchantAccount.update({ where: { id: merchantId }, data: settings });
    if (hostsChanged || environmentChanged) {
      await tx.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchantId } });
      await tx.mirrorCustomer.deleteMany({ where: { merchantAccountId: merchantId } });
      await tx.syncState.deleteMany({ where: { merchantAccountId: merchantId } });
    }
    await recordAuditEvent(audit("success", hostsChanged || environmentChanged ? { reverified, mirrorCleared: true } : {}), tx);
  });
}

export interface GrantDto {
  userId: string;
  email: string;
  name: string;
  role: string;
  grantedAt: Date;
}

export async function listGrants(viewer: Viewer, merchantId: string): Promise<GrantDto[]> {
  await getMerchantForAdmin(viewer, merchantId);
  const grants = await db.merchantGrant.findMany({
    where: { merchantAccountId: merchantId },
    select: { createdAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
    orderBy: { createdAt: "asc" },
  });
  return grants.map(({ user, createdAt }) => ({ userId: user.id, email: user.email, name: user.name, role: user.role, grantedAt: createdAt }));
}

export async function grantMerchantAccess(viewer: Viewer, merchantId: string, userId: string, meta: RequestMeta): Promise<void> {
  await getMerchantForAdmin(viewer, merchantId);
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!user) throw new AppError("not_found", "That user no longer exists.");
  if (user.role === "ADMIN") throw new AppError("admin_sees_all", "Admins already see every account.");
  await db.$transaction(async (tx) => {
    await tx.merchantGrant.upsert({
      where: { userId_merchantAccountId: { userId, merchantAccountId: merchantId } },
      create: { userId, merchantAccountId: merchantId, grantedById: viewer.id },
      update: {},
    });
    await recordAuditEvent({ actor: viewer, action: "merchant.grant", targetType: "merchant", targetId: merchantId, meta, details: { userId, email: user.email } }, tx);
  });
}

export async function revokeMerchantAccess(viewer: Viewer, merchantId: string, userId: string, meta: RequestMeta): Promise<void> {
  await getMerchantForAdmin(viewer, merchantId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.merchantGrant.deleteMany({ where: { userId, merchantAccountId: merchantId } });
    if (count === 0) return;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    await recordAuditEvent({ actor: viewer, action: "merchant.revoke", targetType: "merchant", targetId: merchantId, meta, details: { userId, email: user?.email ?? null } }, tx);
  });
}
