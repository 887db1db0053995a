import { describe, expect, it } from "vitest";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { db } from "@/lib/db";
import { runMerchantSync } from "./runner";
import { callsFor, DOCS_KEY, emptyUpstreamMerchant, withControl, makeMerchant, TEST_CARD } from "./test-support";

const fast = { detailsPerRun: 0, restFactor: 0 };
/** The runs' injected clock starts at the real time (so the emulator's recent data stays recent); tests move it by hand, never by waiting. */
const T0 = Date.now();
const emulator = () => withControl(createUsaepayEmulator({ ratePerMinute: 1000, ratePerDay: 100_000 }));

describe("mirror sync", { timeout: 30_000 }, () => {
  it("first sync mirrors every customer and transaction in 1000-row pages", async () => {
    const emu = emulator();
    const merchant = await makeMerchant(DOCS_KEY);
    const outcomes = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast });
    expect(outcomes).toEqual({ customers: "completed", transactions: "completed" });

    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(6000);
    expect(await db.mirrorCustomer.count({ where: { merchantAccountId: merchant.id } })).toBe(300);
    // 300 customers = 1 page, 6,000 transactions = 6 pages: nothing read twice.
    expect((await callsFor(emu, DOCS_KEY.key)).calls).toBe(7);

    const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: merchant.id, resource: "transactions" } } });
    expect(state).toMatchObject({ status: "idle", mode: "incremental", upstreamTotal: 6000, leaseOwner: null });
    expect(state.fullCompletedAt).not.toBeNull();
    expect(state.lastSuccessAt).not.toBeNull();

    const card = await db.mirrorTransaction.findFirstOrThrow({ where: { merchantAccountId: merchant.id, cardMasked: { not: null } }, orderBy: { createdAt: "desc" } });
    expect(card.cardMasked).toMatch(/x{4,}/i);
    expect(Number.isInteger(card.amountCents)).toBe(true);
    expect(card.search).toBe(card.search.toLowerCase());
  });

  it("a second run is incremental over full 1000-row pages (more keys than one statement may bind)", async () => {
    const emu = emulator();
    const merchant = await makeMerchant(DOCS_KEY);
    const state = () => db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: merchant.id, resource: "transactions" } } });
    await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 });
    expect((await state()).lastSuccessAt).toEqual(new Date(T0));

    const outcomes = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 + 60_000 });
    expect(outcomes).toEqual({ customers: "completed", transactions: "completed" });
    const second = await state();
    expect(second.lastError).toBeNull();
    expect(second.mode).toBe("incremental");
    expect(second.lastSuccessAt).toEqual(new Date(T0 + 60_000));
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(6000);
  });

  it("incremental sync picks up a new sale and the void of an older transaction", async () => {
    const emu = emulator();
    const upstream = await emptyUpstreamMerchant(emu);
    const sales = [];
    for (let i = 0; i < 5; i += 1) sales.push(await upstream.client.sale({ amountCents: 1000 + i, card: TEST_CARD, invoice: `INV-${i}` }));
    const merchant = await makeMerchant(upstream);
    await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast });
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(5);

    const fresh = await upstream.client.sale({ amountCents: 4242, card: TEST_CARD, invoice: "INV-NEW" });
    await upstream.client.voidTransaction({ transactionKey: sales[0]!.key });
    const before = await callsFor(emu, upstream.key);

    // Two-row pages and no recent window: the head walk stops at the first known rows, so
    // the void (of the oldest sale) can only arrive through the pending-batch re-check.
    const outcomes = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: { ...fast, pageSize: 2, recentWindowMs: 0 } });
    expect(outcomes.transactions).toBe("completed");

    const added = await db.mirrorTransaction.findUniqueOrThrow({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key: fresh.key } } });
    expect(added).toMatchObject({ amountCents: 4242, invoice: "INV-NEW" });
    const voided = await db.mirrorTransaction.findUniqueOrThrow({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key: sales[0]!.key } } });
    expect(voided.statusCode).toBe("V");
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(6);
    // Customers: 1 head call; transactions: 1 head page + the open batch's 6 rows in 3 pages.
    expect((await callsFor(emu, upstream.key)).calls - before.calls).toBe(5);
  });

  it("resumes after a crash mid-sync from the stored cursor", async () => {
    const emu = emulator();
    const merchant = await makeMerchant(DOCS_KEY);
    const crashed = new AbortController();
    let listCalls = 0;
    // The first worker "dies" while its fourth transactions page is in flight: it never answers.
    const dyingFetch = async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).includes("/transactions") && ++listCalls === 4) {
        return new Promise<Response>((_, reject) => crashed.signal.addEventListener("abort", () => reject(new Error("process died"))));
      }
      return emu.fetch(input, init);
    };
    // The dead worker's clock stands still at T0: each page it wrote extended its lease to T0 + 300 ms.
    const first = runMerchantSync(merchant.id, { fetch: dyingFetch, owner: "worker-1", settings: { ...fast, leaseMs: 300 }, now: () => T0 });
    await expect.poll(() => listCalls, { timeout: 20_000 }).toBe(4);
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(3000);
    const busy = await runMerchantSync(merchant.id, { fetch: emu.fetch, owner: "worker-2", resources: ["transactions"], settings: fast, now: () => T0 + 299 });
    expect(busy.transactions).toBe("busy"); // the dead worker's lease has not run out yet

    // A moment after the lease ran out (on the injected clock: no waiting), another worker takes over.
    const offsets: number[] = [];
    const watching = async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith("/transactions")) offsets.push(Number(url.searchParams.get("offset")));
      return emu.fetch(input, init);
    };
    const second = await runMerchantSync(merchant.id, { fetch: watching, owner: "worker-2", resources: ["transactions"], settings: fast, now: () => T0 + 301 });
    expect(second.transactions).toBe("completed");
    expect(offsets).toEqual([3000, 4000, 5000]);
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(6000);

    crashed.abort();
    await first.catch(() => undefined);
    // The late worker cannot undo the finished state: its lease is gone.
    const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: merchant.id, resource: "transactions" } } });
    expect(state).toMatchObject({ mode: "incremental", status: "idle", leaseOwner: null });
  });
});
