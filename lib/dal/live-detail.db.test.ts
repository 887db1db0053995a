import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { callsFor, emptyUpstreamMerchant, makeMerchant, TEST_CARD, withControl } from "@/lib/sync/test-support";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { settleLiveReads } from "./internal/live-detail";
import { getTransactionDetail, lookUpTransactionLive } from "./transactions";
import { makeViewer, META } from "./test-fixtures";

/** Detail pages read the mirror; USAePay is asked only in the background, once per record at a time, and never for a key the mirror has not seen. */
async function setup() {
  const emu = withControl(createUsaepayEmulator({ ratePerMinute: 100_000, ratePerDay: 1_000_000 }));
  const upstream = await emptyUpstreamMerchant(emu);
  const sale = await upstream.client.sale({ amountCents: 1234, card: TEST_CARD });
  const merchant = await makeMerchant(upstream);
  const deps = { fetch: emu.fetch };
  const detailCalls = async () => (await emu.control("GET", `counters/${upstream.key}`)).routes as Record<string, number>;
  // A viewer: people who may move money get a live read as the page opens (transaction-money tests).
  const viewer = await makeViewer("VIEWER");
  await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchant.id } });
  return { emu, upstream, sale, merchant, deps, detailCalls, viewer };
}

async function mirrorAged(merchantAccountId: string, key: string, amountCents: number, ageMs: number) {
  const syncedAt = new Date(Date.now() - ageMs);
  await db.mirrorTransaction.create({
    data: { merchantAccountId, key, refnum: "1", createdAt: new Date(), resultCode: "A", outcome: "approved", amountCents, search: key, syncedAt },
  });
  // @updatedAt sets the write time; put the age back as the test wants it.
  await db.$executeRaw`UPDATE "MirrorTransaction" SET "syncedAt" = ${syncedAt} WHERE "merchantAccountId" = ${merchantAccountId} AND "key" = ${key}`;
}

describe("live-or-local detail reads", { timeout: 30_000 }, () => {
  it("shows a fresh copy with no call, and refreshes a stale one in the background with one call for many views", async () => {
    const t = await setup();
    const viewer = t.viewer;
    await mirrorAged(t.merchant.id, t.sale.key, 999, 5_000);
    const fresh = await getTransactionDetail(viewer, t.merchant.slug, t.sale.key, t.deps);
    expect(fresh).toMatchObject({ state: "fresh", transaction: { amountCents: 999 } });
    expect((await t.detailCalls())[`GET /transactions/${t.sale.key}`]).toBeUndefined();

    await db.$executeRaw`UPDATE "MirrorTransaction" SET "syncedAt" = ${new Date(Date.now() - 120_000)} WHERE "key" = ${t.sale.key}`;
    // Five people open it at once: each page answers from the mirror; one refresh goes upstream.
    const views = await Promise.all([1, 2, 3, 4, 5].map(() => getTransactionDetail(viewer, t.merchant.slug, t.sale.key, t.deps)));
    expect(views.map((view) => view?.state)).toEqual(["refreshing", "refreshing", "refreshing", "refreshing", "refreshing"]);
    expect(views[0]?.transaction.amountCents).toBe(999);
    await settleLiveReads();
    expect((await t.detailCalls())[`GET /transactions/${t.sale.key}`]).toBe(1);
    expect(await getTransactionDetail(viewer, t.merchant.slug, t.sale.key, t.deps)).toMatchObject({ state: "fresh", transaction: { amountCents: 1234 } });
  });

  it("never calls upstream for a key the mirror has not seen: 404 for a viewer, a look-up offer for a manager", async () => {
    const t = await setup();
    const viewer = await makeViewer("VIEWER");
    const manager = await makeViewer("MANAGER");
    await db.merchantGrant.createMany({ data: [viewer, manager].map((person) => ({ userId: person.id, merchantAccountId: t.merchant.id })) });
    await expect(getTransactionDetail(viewer, t.merchant.slug, "madeupkey0000001", t.deps)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await getTransactionDetail(manager, t.merchant.slug, t.sale.key, t.deps)).toBeNull();
    expect((await callsFor(t.emu, t.upstream.key)).calls).toBe(1); // the sale that set the test up, nothing since

    // The manager asks explicitly: one call, audited, and the record is in the mirror from then on.
    await expect(lookUpTransactionLive(viewer, t.merchant.slug, t.sale.key, META, t.deps)).rejects.toThrow(/not allowed/);
    expect(await lookUpTransactionLive(manager, t.merchant.slug, t.sale.key, META, t.deps)).toEqual({ found: true });
    expect(await lookUpTransactionLive(manager, t.merchant.slug, "madeupkey0000001", META, t.deps)).toMatchObject({ found: false });
    expect(await getTransactionDetail(viewer, t.merchant.slug, t.sale.key, t.deps)).toMatchObject({ state: "fresh", transaction: { amountCents: 1234 } });
    expect(await db.auditEvent.count({ where: { targetId: t.merchant.id, action: "mirror.lookup_live" } })).toBe(2);
  });

  it("limits live reads per person: past the allowance the copy is shown as it is, with why, and nothing is sent", async () => {
    const t = await setup();
    const viewer = t.viewer;
    const keys = Array.from({ length: 32 }, (_, i) => `stale${String(i).padStart(11, "0")}`);
    for (const key of keys) await mirrorAged(t.merchant.id, key, 100, 120_000);
    const states = [];
    for (const key of keys) states.push((await getTransactionDetail(viewer, t.merchant.slug, key, t.deps))!.state);
    await settleLiveReads();
    // 30 a minute by default (LIVE_READS_PER_USER_PER_MINUTE).
    expect(states.filter((state) => state === "refreshing")).toHaveLength(30);
    const last = await getTransactionDetail(viewer, t.merchant.slug, keys[31]!, t.deps);
    expect(last).toMatchObject({ state: "stale", reason: expect.stringMatching(/opened many records/) });
    const routes = await t.detailCalls();
    expect(Object.entries(routes).filter(([route]) => route.startsWith("GET /transactions/")).reduce((sum, [, count]) => sum + count, 0)).toBe(30);
  });
});
