import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { storeWebhookSignatureKey } from "@/lib/dal/internal/webhook-settings";
import { db } from "@/lib/db";
import { isSyncRunningHere, requestMerchantSync, requestSyncIfStale, startMirrorSync, stopMirrorSync } from "./scheduler";
import { DOCS_KEY, makeMerchant } from "./test-support";

/** An upstream that never answers: every run stays in flight until the scheduler stops it. */
const silent = (_input: string | URL | Request, init?: RequestInit) =>
  new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason), { once: true }));
const run = { fetch: silent, settings: { detailsPerRun: 0, restFactor: 0 } };

async function keylessMerchant() {
  const slug = `keyless-${randomUUID().slice(0, 8)}`;
  return db.merchantAccount.create({ data: { slug, name: slug, environment: "emulator" } });
}

async function stopAndSettle(...ids: string[]) {
  stopMirrorSync();
  for (const id of ids) await expect.poll(() => isSyncRunningHere(id), { timeout: 10_000 }).toBe(false);
}

afterEach(() => stopMirrorSync());

describe("sync scheduler", { timeout: 30_000 }, () => {
  it("starts a run for every account with a USAePay key at once, one per account, and stops them all", async () => {
    const keyed = await makeMerchant(DOCS_KEY);
    const keyless = await keylessMerchant();
    startMirrorSync({ intervalMs: 3_600_000, run });
    await expect.poll(() => isSyncRunningHere(keyed.id), { timeout: 10_000 }).toBe(true);
    expect(isSyncRunningHere(keyless.id)).toBe(false);
    // While it runs here, another request for the same account starts nothing.
    expect(requestMerchantSync(keyed.id, run)).toEqual({ started: false });

    await stopAndSettle(keyed.id);
    // Stopped, not failed: the lease is released so the next worker resumes from the cursor.
    const customers = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: keyed.id, resource: "customers" } } });
    expect(customers).toMatchObject({ status: "idle", leaseOwner: null, lastError: null });
    expect(requestMerchantSync(keyed.id, run)).toEqual({ started: true });
    await stopAndSettle(keyed.id);
  });

  it("lets a page view start a stale account only, judged on the injected clock", async () => {
    const keyed = await makeMerchant(DOCS_KEY);
    const keyless = await keylessMerchant();
    const now = Date.parse("2026-03-02T12:00:00Z");
    for (const resource of ["customers", "transactions"]) {
      await db.syncState.create({ data: { merchantAccountId: keyed.id, resource, mode: "incremental", lastSuccessAt: new Date(now - 30_000) } });
    }

    await requestSyncIfStale(keyless.id, { now: () => now, run });
    expect(isSyncRunningHere(keyless.id)).toBe(false); // no key: nothing to sync
    await requestSyncIfStale(keyed.id, { now: () => now, run });
    expect(isSyncRunningHere(keyed.id)).toBe(false); // synced 30 s ago: fresh
    await requestSyncIfStale(keyed.id, { now: () => now + 31_000, run });
    expect(isSyncRunningHere(keyed.id)).toBe(true); // 61 s ago: stale
    await stopAndSettle(keyed.id);
  });

  it("with webhooks on, leaves a synced account alone until the safety-net interval, but always finishes a first full walk", async () => {
    const keyed = await makeMerchant(DOCS_KEY);
    await storeWebhookSignatureKey(keyed.id, "a-signature-key-for-tests", { actor: null });
    const now = Date.parse("2026-03-02T12:00:00Z");
    for (const resource of ["customers", "transactions"]) {
      await db.syncState.create({ data: { merchantAccountId: keyed.id, resource, mode: resource === "customers" ? "incremental" : "full", lastSuccessAt: new Date(now - 3_600_000) } });
    }
    await requestSyncIfStale(keyed.id, { now: () => now, run });
    expect(isSyncRunningHere(keyed.id)).toBe(true); // the first full walk is not done: it carries on
    await stopAndSettle(keyed.id);

    await db.syncState.updateMany({ where: { merchantAccountId: keyed.id }, data: { mode: "incremental", lastSuccessAt: new Date(now - 10 * 60_000) } });
    await requestSyncIfStale(keyed.id, { now: () => now, run });
    expect(isSyncRunningHere(keyed.id)).toBe(false); // 10 min ago, webhooks on: not yet (safety net: 15 min)
    await requestSyncIfStale(keyed.id, { now: () => now + 6 * 60_000, run });
    expect(isSyncRunningHere(keyed.id)).toBe(true);
    await stopAndSettle(keyed.id);
  });
});
