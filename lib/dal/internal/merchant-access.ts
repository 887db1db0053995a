import "server-only";
import { notFound } from "next/navigation";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import { endpointsOf } from "@/lib/gateways/clients";
import type { ResolvedEndpoints } from "@/lib/gateways/endpoints";
import type { Environment } from "@/lib/validation/environments";
import { assertCan, assertCanAny } from "./guards";

/** What pages see of a merchant account: settings and resolved hosts, never a secret. */
export interface MerchantSummaryDto {
  id: string;
  slug: string;
  name: string;
  environment: Environment;
}

export interface MerchantDto extends MerchantSummaryDto {
  /** The account's own overrides (null: the environment's host); what the settings form edits. */
  usaepayBaseUrl: string | null;
  usaepayEndpointKey: string | null;
  clientpayBaseUrl: string | null;
  businessTimeZone: string | null;
  batchCloseTime: string | null;
  createdAt: Date;
  /** The hosts calls actually go to, overrides and the emulator URLs applied. */
  endpoints: ResolvedEndpoints;
}

export const summarySelect = { id: true, slug: true, name: true, environment: true } as const;
const merchantSelect = { ...summarySelect, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true, businessTimeZone: true, batchCloseTime: true, createdAt: true } as const;

/** Admins see every account; everyone else only the accounts granted to them. */
export function accessibleTo(viewer: Viewer): Prisma.MerchantAccountWhereInput {
  return viewer.role === "ADMIN" ? {} : { grants: { some: { userId: viewer.id } } };
}

export type MerchantRef = { slug: string } | { id: string };

/**
 * The one door to a merchant account: checks the permission, then resolves the account among
 * those the viewer may see. An account the viewer was not granted answers exactly like one
 * that does not exist ("not found"), whether it came from a URL (slug) or a form (id).
 * With several permissions, any one of them is enough.
 */
export async function merchantFor(viewer: Viewer, permission: Permission | readonly Permission[], ref: MerchantRef): Promise<MerchantDto> {
  if (typeof permission === "string") assertCan(viewer, permission);
  else assertCanAny(viewer, permission);
  const merchant = await db.merchantAccount.findFirst({ where: { ...ref, ...accessibleTo(viewer) }, select: merchantSelect });
  if (!merchant) notFound();
  return { ...merchant, endpoints: endpointsOf(merchant) };
}
