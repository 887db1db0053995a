import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { MirrorResourceState } from "@/lib/mirror-status-text";
import { isSyncRunningHere, requestMerchantSync } from "@/lib/sync";
import { SYNC_RESOURCES, type SyncResource } from "@/lib/sync/lease";
import { merchantFor } from "./internal/merchant-access";

/** What the tables' header shows about the mirror: freshness and live progress (put in words by lib/mirror-status-text.ts). */
export interface ResourceSyncDto extends MirrorResourceState {
  lastError: string | null;
}

export interface SyncStatusDto {
  /** Some resource of this account is syncing (the page polls faster meanwhile). */
  running: boolean;
  resources: Record<SyncResource, ResourceSyncDto>;
  /** The server's clock when this was read: "synced 12 s ago" renders the same on the server and at hydration. */
  checkedAt: string;
}

/** Either table may show the mirror's status. */
const READS_A_TABLE = ["customers:read", "transactions:read"] as const;

async function statusFor(merchantAccountId: string): Promise<SyncStatusDto> {
  const [states, transactions, customers] = await Promise.all([
    db.syncState.findMany({ where: { merchantAccountId } }),
    db.mirrorTransaction.count({ where: { merchantAccountId } }),
    db.mirrorCustomer.count({ where: { merchantAccountId } }),
  ]);
  const mirrored = { transactions, customers };
  const now = Date.now();
  const resources = Object.fromEntries(
    SYNC_RESOURCES.map((resource) => {
      const state = states.find((candidate) => candidate.resource === resource);
      // A lease that ran out belongs to a worker that died: not "running" any more.
      const live = state?.status === "running" && !!state.leaseUntil && state.leaseUntil.getTime() > now;
      return [
        resource,
        {
          status: live ? "running" : state?.status === "running" ? "idle" : (state?.status ?? "never"),
          mode: state?.mode ?? "full",
          processed: state?.processed ?? 0,
          upstreamTotal: state?.upstreamTotal ?? null,
          mirrored: mirrored[resource],
          lastSuccessAt: state?.lastSuccessAt?.toISOString() ?? null,
          lastError: state?.lastError ?? null,
        },
      ];
    }),
  ) as Record<SyncResource, ResourceSyncDto>;
  const running = isSyncRunningHere(merchantAccountId) || Object.values(resources).some((resource) => resource.status === "running");
  return { running, resources, checkedAt: new Date(now).toISOString() };
}

export async function getSyncStatus(viewer: Viewer, merchantSlug: string): Promise<SyncStatusDto> {
  const merchant = await merchantFor(viewer, READS_A_TABLE, { slug: merchantSlug });
  return statusFor(merchant.id);
}

/** Refresh: starts a sync of this account now (a no-op while one runs). */
export async function startSync(viewer: Viewer, merchantSlug: string): Promise<SyncStatusDto> {
  const merchant = await merchantFor(viewer, "sync:run", { slug: merchantSlug });
  requestMerchantSync(merchant.id);
  return statusFor(merchant.id);
}
