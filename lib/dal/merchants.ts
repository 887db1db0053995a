import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { slugify, type Environment } from "@/lib/validation/merchants";
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

export async function createMerchant(viewer: Viewer, settings: MerchantSettings, meta: RequestMeta): Promise<MerchantSummaryDto> {
  assertCan(viewer, "merchants:manage");
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

export async function updateMerchantSettings(viewer: Viewer, merchantId: string, settings: MerchantSettings, meta: RequestMeta): Promise<void> {
  const before = await getMerchantForAdmin(viewer, merchantId);
  await db.$transaction(async (tx) => {
    await tx.merchantAccount.update({ where: { id: merchantId }, data: settings });
    await recordAuditEvent(
      {
        actor: viewer,
        action: "merchant.update",
        targetType: "merchant",
        targetId: merchantId,
        meta,
        details: {
          before: {
            name: before.name, environment: before.environment, usaepayBaseUrl: before.usaepayBaseUrl, usaepayEndpointKey: before.usaepayEndpointKey,
            clientpayBaseUrl: before.clientpayBaseUrl, businessTimeZone: before.businessTimeZone, batchCloseTime: before.batchCloseTime,
          },
          after: { ...settings },
        },
      },
      tx,
    );
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
