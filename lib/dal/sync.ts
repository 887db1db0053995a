import type { Viewer } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { SYNC_RESOURCES, type SyncResource } from "@/lib/sync/lease";
import { isSyncRunningHere, requestMerchantSync } from "@/lib/sync/scheduler";
import { getAccessibleMerchant } from "./merchants";

/** What the tables' header shows about the mirror: freshness and live progress. */
export interface ResourceSyncDto {
  status: string;
  mode: string;
  /** Rows written in the current (or last) run. */
  processed: number;
  upstreamTotal: number | null;
  mirrored: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface SyncStatusDto {
  running: boolean;
  resources: Record<SyncResource, ResourceSyncDto>;
}

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
  return { running, resources };
}

export async function getSyncStatus(viewer: Viewer, merchantSlug: string): Promise<SyncStatusDto> {
  const merchant = await getAccessibleMerchant(viewer, merchantSlug);
  return statusFor(merchant.id);
}

/** Refresh: starts a sync of this account now (a no-op while one runs). */
export async function startSync(viewer: Viewer, merchantSlug: string): Promise<SyncStatusDto> {
  const merchant = await getAccessibleMerchant(viewer, merchantSlug);
  requestMerchantSync(merchant.id);
  return statusFor(merchant.id);
}

/** Page views keep the mirror fresh: a stale or never-synced account starts a sync in the background. */
export async function ensureFreshMirror(merchantAccountId: string, maxAgeMs = 60_000): Promise<void> {
  if (isSyncRunningHere(merchantAccountId)) return;
  const states = await db.syncState.findMany({ where: { merchantAccountId }, select: { lastSuccessAt: true, status: true } });
  const stale = states.length < SYNC_RESOURCES.length || states.some((state) => !state.lastSuccessAt || state.lastSuccessAt.getTime() < Date.now() - maxAgeMs);
  if (stale) requestMerchantSync(merchantAccountId);
}
