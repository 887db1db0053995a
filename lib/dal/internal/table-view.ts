import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { requestSyncIfStale } from "@/lib/sync";
import { merchantFor, type MerchantDto } from "./merchant-access";

/**
 * A table page view of an account's mirror: the account (permission and access checked),
 * and, because someone is looking, a background sync if the mirror is stale.
 */
export async function merchantForTable(viewer: Viewer, permission: Permission, slug: string): Promise<MerchantDto> {
  const merchant = await merchantFor(viewer, permission, { slug });
  await requestSyncIfStale(merchant.id);
  return merchant;
}
