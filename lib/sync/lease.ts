import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";

/**
 * A lease per (merchant account, resource) in SyncState: whichever worker of whichever
 * instance holds an unexpired lease runs that sync; a crashed worker's lease simply runs
 * out and the next worker resumes from the stored cursor. Times come from the run's clock
 * (`now`), so tests can expire a lease without waiting for it.
 */
export type SyncResource = "customers" | "transactions";
export const SYNC_RESOURCES: readonly SyncResource[] = ["customers", "transactions"];
/** Every resource that holds a lease here: the USAePay mirror's and the ClientPay payments copy's (lib/dal/internal/clientpay-sync.ts). */
export type LeasedResource = SyncResource | "clientpay-payments";

async function ensureState(merchantAccountId: string, resource: LeasedResource) {
  try {
    await db.syncState.upsert({ where: { merchantAccountId_resource: { merchantAccountId, resource } }, create: { merchantAccountId, resource }, update: {} });
  } catch (error) {
    // Two workers created it at once: the row exists, which is all we need.
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function claimLease(merchantAccountId: string, resource: LeasedResource, owner: string, leaseMs: number, clock: () => number): Promise<boolean> {
  await ensureState(merchantAccountId, resource);
  const now = new Date(clock());
  const { count } = await db.syncState.updateMany({
    where: { merchantAccountId, resource, OR: [{ leaseOwner: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), status: "running", lastStartedAt: now, lastError: null },
  });
  return count === 1;
}

export type LeaseOutcome = { ok: true; at: Date } | { ok: false; status: "error" | "waiting" | "idle"; message: string | null };

export async function releaseLease(merchantAccountId: string, resource: LeasedResource, owner: string, outcome: LeaseOutcome) {
  await db.syncState.updateMany({
    where: { merchantAccountId, resource, leaseOwner: owner },
    data: outcome.ok
      ? { leaseOwner: null, leaseUntil: null, status: "idle", lastSuccessAt: outcome.at, lastError: null }
      : { leaseOwner: null, leaseUntil: null, status: outcome.status, lastError: outcome.message },
  });
}

export async function resetProgress(merchantAccountId: string, resource: LeasedResource, owner: string) {
  await db.syncState.updateMany({ where: { merchantAccountId, resource, leaseOwner: owner, mode: "incremental" }, data: { processed: 0 } });
}
