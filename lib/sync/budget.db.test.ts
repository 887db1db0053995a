import { describe, expect, it } from "vitest";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { db } from "@/lib/db";
import { budgetKeyFor, runMerchantSync } from "./runner";
import { callsFor, emptyUpstreamMerchant, withControl, makeMerchant, TEST_CARD } from "./test-support";

const fast = { detailsPerRun: 0, restFactor: 0 };
/** The runs' injected clock; moved by hand, never by waiting. */
const T0 = Date.now();

/** A budget wait that never ends by itself: it records who waited how long and blocks until the run is stopped. */
function blockingSleep(waits: { worker: string; ms: number }[], worker: string) {
  return (ms: number, signal?: AbortSignal) =>
    new Promise<void>((_, reject) => {
      waits.push({ worker, ms });
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
}
const emulator = () => withControl(createUsaepayEmulator({ ratePerMinute: 1000, ratePerDay: 100_000 }));

describe("upstream budget", { timeout: 30_000 }, () => {
  it("stops on a 429, pauses every worker of the key, and carries on once the limit allows", async () => {
    const emu = emulator();
    const upstream = await emptyUpstreamMerchant(emu);
    for (let i = 0; i < 3; i += 1) await upstream.client.sale({ amountCents: 500 + i, card: TEST_CARD });
    await emu.control("PUT", `keys/${upstream.key}`, { perMinute: 4 });
    // Someone else spends the key's whole minute (the key now counts in its own bucket).
    for (let i = 0; i < 4; i += 1) await upstream.client.listBatches({ limit: 1 });
    const merchant = await makeMerchant(upstream);

    const first = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 });
    expect(first.customers).toBe("waiting");
    expect((await callsFor(emu, upstream.key)).rateLimited).toBe(1);
    const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: merchant.id, resource: "customers" } } });
    expect(state.status).toBe("waiting");
    expect(state.lastError).toMatch(/rate limit/);
    expect(state.leaseOwner).toBeNull();
    const budget = await db.upstreamBudget.findUniqueOrThrow({ where: { budgetKey: await budgetKeyFor(merchant.id) } });
    const pausedUntil = budget.pausedUntil!.getTime();
    expect(pausedUntil).toBeGreaterThan(T0);
    expect(budget.minuteLimit).toBe(4);

    // A second worker, a second later, respects the pause: it waits for the rest of it, with no upstream call.
    const callsBefore = (await callsFor(emu, upstream.key)).calls;
    const waits: { worker: string; ms: number }[] = [];
    const stop = new AbortController();
    const waiting = runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 + 1000, signal: stop.signal, budget: { sleep: blockingSleep(waits, "second") } });
    await expect.poll(() => waits.length, { timeout: 5000 }).toBe(1);
    expect(waits[0]!.ms).toBe(Math.min(60_000, pausedUntil - (T0 + 1000)));
    stop.abort();
    expect((await waiting).customers).toBe("aborted");
    expect((await callsFor(emu, upstream.key)).calls).toBe(callsBefore);

    // The limit is raised and, on the clock, the pause has passed: the sync finishes where it stopped.
    await emu.control("PUT", `keys/${upstream.key}`, { perMinute: 1000 });
    await db.upstreamBudget.update({ where: { budgetKey: budget.budgetKey }, data: { minuteLimit: 1000 } });
    const resumed = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => pausedUntil + 1 });
    expect(resumed).toEqual({ customers: "completed", transactions: "completed" });
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(3);
  });

  it("is shared by two workers: together they never exceed the sync's share of the minute", async () => {
    const emu = emulator();
    const upstream = await emptyUpstreamMerchant(emu);
    for (let i = 0; i < 12; i += 1) {
      await upstream.client.sale({ amountCents: 700 + i, card: TEST_CARD });
      await upstream.client.createCustomer({ firstName: `First${i}`, lastName: `Last${i}` });
    }
    await emu.control("PUT", `keys/${upstream.key}`, { perMinute: 10 });
    const merchant = await makeMerchant(upstream);
    // What an earlier answer's X-Rate-Limit taught every instance: 10 a minute, so 8 for the sync.
    await db.upstreamBudget.create({ data: { budgetKey: await budgetKeyFor(merchant.id), minuteLimit: 10, minuteRemaining: 10 } });
    await emu.control("DELETE", "counters");

    const stop = new AbortController();
    const waits: { worker: string; ms: number }[] = [];
    const calls = { a: 0, b: 0 };
    const counting = (worker: "a" | "b") => async (input: string | URL | Request, init?: RequestInit) => {
      calls[worker] += 1;
      return emu.fetch(input, init);
    };
    // One worker walks transactions, another customers' details-free list, each in tiny pages.
    // Each waits on the budget with a sleep that never ends by itself: once both wait, nothing more can be sent.
    const run = (worker: "a" | "b", resources: ("transactions" | "customers")[]) =>
      runMerchantSync(merchant.id, { fetch: counting(worker), resources, settings: { ...fast, pageSize: 1 }, signal: stop.signal, budget: { sleep: blockingSleep(waits, worker) } });
    const a = run("a", ["transactions"]);
    const b = run("b", ["customers"]);
    await expect.poll(() => new Set(waits.map((wait) => wait.worker)).size, { timeout: 10_000 }).toBe(2);
    expect(calls.a + calls.b).toBe(8);
    expect(calls.a).toBeGreaterThan(0);
    expect(calls.b).toBeGreaterThan(0);
    expect((await callsFor(emu, upstream.key)).rateLimited).toBe(0);
    stop.abort();
    await Promise.all([a, b]);
  });
});
