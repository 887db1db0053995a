import "server-only";
import { logger } from "@/lib/logger";
import { isGatewayError } from "@/lib/payments/http";
import { RateLimitedError, type SyncContext, type SyncOutcome } from "./context";
import { claimLease, releaseLease, resetProgress, type SyncResource } from "./lease";
import { syncCustomers } from "./sync-customers";
import { syncTransactions } from "./sync-transactions";
import { LeaseLostError } from "./mirror-store";

/**
 * The mirror engine for one merchant account and one resource. Every upstream call first
 * takes a point from the key's shared budget; each page is written with its cursor, so a
 * run can stop anywhere (crash, 429, lost lease) and the next run carries on.
 */
export async function syncResource(ctx: SyncContext, resource: SyncResource): Promise<SyncOutcome> {
  if (!(await claimLease(ctx.merchantAccountId, resource, ctx.owner, ctx.settings.leaseMs, ctx.now))) return "busy";
  try {
    await resetProgress(ctx.merchantAccountId, resource, ctx.owner);
    if (resource === "customers") await syncCustomers(ctx);
    else await syncTransactions(ctx);
    await releaseLease(ctx.merchantAccountId, resource, ctx.owner, { ok: true, at: new Date(ctx.now()) });
    return "completed";
  } catch (error) {
    if (error instanceof LeaseLostError) return "busy";
    if (error instanceof RateLimitedError) {
      const message = `USAePay's rate limit leaves the sync no room right now; it carries on after ${error.until.toISOString().slice(11, 19)} UTC.`;
      await releaseLease(ctx.merchantAccountId, resource, ctx.owner, { ok: false, status: "waiting", message });
      return "waiting";
    }
    if (ctx.signal?.aborted) {
      // A shutdown, not a failure: the cursor is stored, the next worker resumes.
      await releaseLease(ctx.merchantAccountId, resource, ctx.owner, { ok: false, status: "idle", message: null }).catch(() => undefined);
      return "aborted";
    }
    const message = isGatewayError(error) ? error.userMessage : "The sync stopped on an unexpected error; it will try again.";
    logger.error({ merchantAccountId: ctx.merchantAccountId, resource, kind: isGatewayError(error) ? error.kind : undefined, err: isGatewayError(error) ? undefined : error }, "sync failed");
    await releaseLease(ctx.merchantAccountId, resource, ctx.owner, { ok: false, status: "error", message });
    return "failed";
  }
}
