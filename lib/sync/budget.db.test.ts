import { describe, expect, it } from "vitest";
import { replaceCurrentCredentials } from "@/lib/dal/internal/credentials";
import { db } from "@/lib/db";
import { createUsaepayClient } from "@/lib/payments/usaepay";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { budgetFor, budgetKeyFor, budgetKeyOf, capsFor, createUpstreamBudget, interactiveBudgetFor, recordInteractiveCall, withInteractiveBudget } from "./budget";
import { runMerchantSync } from "./runner";
import { callsFor, DOCS_KEY, emptyUpstreamMerchant, makeMerchant, TEST_CARD, uniqueBase, withControl } from "./test-support";

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

/** An account on a fresh emulated merchant with `rows` sales and customers, for tiny-page syncs that want many calls. */
async function busyMerchant(emu: ReturnType<typeof emulator>, rows: number, base: string) {
  const upstream = await emptyUpstreamMerchant(emu);
  const sales: string[] = [];
  for (let i = 0; i < rows; i += 1) {
    sales.push((await upstream.client.sale({ amountCents: 700 + i, card: TEST_CARD })).key);
    await upstream.client.createCustomer({ firstName: `First${i}`, lastName: `Last${i}` });
  }
  return { upstream, sales, merchant: await makeMerchant(upstream, { base }) };
}

/** A client of the emulated merchant on the test's own endpoint key (the set-up client uses v2). */
const clientOn = (base: string, upstream: { key: string; pin: string }, emu: ReturnType<typeof emulator>) =>
  createUsaepayClient({ baseUrl: base, apiKey: upstream.key, pin: upstream.pin, fetch: emu.fetch, retry: { maxAttempts: 1 } });

/** After the set-up calls: the test's own endpoint key (see uniqueBase) gets this real limit, counted from zero. */
async function limitTo(emu: ReturnType<typeof emulator>, perMinute: number, base: string) {
  const endpointKey = new URL(base).pathname.split("/").filter(Boolean).at(-1);
  await emu.control("PUT", `endpoints/${endpointKey}`, { perMinute });
  await emu.control("DELETE", "counters");
}

describe("the budget's key", () => {
  it("is the upstream's unit: host, endpoint key and egress, the same for every account and key on them", () => {
    expect(budgetKeyFor("http://127.0.0.1:4010/api/v2/", "installation")).toBe("usaepay:127.0.0.1:4010/v2@installation");
    // The production host's names are one host; an endpoint key is its own budget; so is another egress.
    expect(budgetKeyFor("https://www-02.usaepay.com/api/v2/", "a")).toBe(budgetKeyFor("https://usaepay.com/api/v2/", "a"));
    expect(budgetKeyFor("https://usaepay.com/api/ab12cd/", "a")).toBe("usaepay:usaepay.com/ab12cd@a");
    expect(budgetKeyFor("https://usaepay.com/api/v2/", "b")).not.toBe(budgetKeyFor("https://usaepay.com/api/v2/", "a"));
    const settings = { environment: "production" as const, usaepayBaseUrl: null, clientpayBaseUrl: null };
    expect(budgetKeyOf({ ...settings, usaepayEndpointKey: null })).toMatch(/^usaepay:usaepay\.com\/v2@/);
    expect(budgetKeyOf({ ...settings, usaepayEndpointKey: "ab12cd" })).toMatch(/^usaepay:usaepay\.com\/ab12cd@/);
  });

  it("leaves a reserve: the sync stops short of reads, reads short of staff actions", () => {
    expect(capsFor("sync", { minute: 45, day: 5000 }, 20)).toEqual({ minute: 36, day: 4000, hour: 667 });
    expect(capsFor("read", { minute: 45, day: 5000 }, 20)).toEqual({ minute: 40, day: 4500 });
    expect(capsFor("action", { minute: 45, day: 5000 }, 20)).toEqual({ minute: 45, day: 5000 });
  });
});

describe("upstream budget", { timeout: 60_000 }, () => {
  it("is shared by two accounts on v2: together their syncs never pass the sync's share of the one minute", async () => {
    const emu = emulator();
    const base = uniqueBase();
    const a = await busyMerchant(emu, 8, base);
    const b = await busyMerchant(emu, 8, base);
    expect(budgetKeyOf(a.merchant)).toBe(budgetKeyOf(b.merchant));
    await limitTo(emu, 10, base);

    const stop = new AbortController();
    const waits: { worker: string; ms: number }[] = [];
    // Each waits on the budget with a sleep that never ends by itself: once both wait, nothing more can be sent.
    const run = (worker: string, merchantId: string) =>
      runMerchantSync(merchantId, { fetch: emu.fetch, settings: { ...fast, pageSize: 1 }, signal: stop.signal, budget: { sleep: blockingSleep(waits, worker) } });
    const runs = [run("a", a.merchant.id), run("b", b.merchant.id)];
    await expect.poll(() => new Set(waits.map((wait) => wait.worker)).size, { timeout: 20_000 }).toBe(2);
    const [first, second] = [await callsFor(emu, a.upstream.key), await callsFor(emu, b.upstream.key)];
    // The emulator's limit (10) was learnt from X-Rate-Limit: 8 for the sync, 2 kept for people.
    expect(first.calls + second.calls).toBe(8);
    expect(first.calls).toBeGreaterThan(0);
    expect(second.calls).toBeGreaterThan(0);
    expect(first.rateLimited + second.rateLimited).toBe(0);
    expect(await db.upstreamBudget.count({ where: { budgetKey: budgetKeyOf(a.merchant) } })).toBe(1);
    expect(await db.upstreamBudget.findUniqueOrThrow({ where: { budgetKey: budgetKeyOf(a.merchant) } })).toMatchObject({ minuteLimit: 10 });
    stop.abort();
    await Promise.all(runs);
  });

  it("keeps its budget through a key rotation: the new key finds the minute already spent", async () => {
    const emu = emulator();
    const base = uniqueBase();
    const { upstream, merchant } = await busyMerchant(emu, 12, base);
    await limitTo(emu, 10, base);
    const waits: { worker: string; ms: number }[] = [];
    const stop = new AbortController();
    const before = runMerchantSync(merchant.id, { fetch: emu.fetch, settings: { ...fast, pageSize: 1 }, signal: stop.signal, budget: { sleep: blockingSleep(waits, "old key") } });
    await expect.poll(() => waits.length, { timeout: 20_000 }).toBe(1);
    stop.abort();
    await before;
    expect((await callsFor(emu, upstream.key)).calls).toBe(8);

    // A new key for the same emulated merchant, stored as a rotation would store it.
    const rotated = { key: `PDrot${upstream.key.slice(5)}`, pin: "2468" };
    await emu.control("POST", "keys", { apiKey: rotated.key, pin: rotated.pin, merchant: upstream.key });
    await replaceCurrentCredentials(merchant.id, "usaepay", rotated, { actor: null });
    const again = new AbortController();
    const after = runMerchantSync(merchant.id, { fetch: emu.fetch, settings: { ...fast, pageSize: 1 }, signal: again.signal, budget: { sleep: blockingSleep(waits, "new key") } });
    await expect.poll(() => waits.filter((wait) => wait.worker === "new key").length, { timeout: 20_000 }).toBe(1);
    // Same budget: the rotated key made no call, since the sync's share of this minute is spent.
    expect((await callsFor(emu, rotated.key)).calls).toBe(0);
    expect(await db.upstreamBudget.count({ where: { budgetKey: { startsWith: budgetKeyOf(merchant).split("@")[0] } } })).toBe(1);
    again.abort();
    await after;
  });

  it("honours the reserve while the sync runs: staff actions and live reads go first, at once, and nothing is refused upstream", async () => {
    const emu = emulator();
    const base = uniqueBase();
    const { upstream, merchant, sales } = await busyMerchant(emu, 12, base);
    await limitTo(emu, 10, base);
    const waits: { worker: string; ms: number }[] = [];
    const stop = new AbortController();
    const sync = runMerchantSync(merchant.id, { fetch: emu.fetch, settings: { ...fast, pageSize: 1 }, signal: stop.signal, budget: { sleep: blockingSleep(waits, "sync") } });
    await expect.poll(() => waits.length, { timeout: 20_000 }).toBe(1);
    expect((await callsFor(emu, upstream.key)).calls).toBe(8);

    // While the sync waits for the next minute, a refund-like call goes through at once…
    const sale = { key: sales[0]! };
    const client = clientOn(base, upstream, emu);
    const read = await withInteractiveBudget(merchant, "read", async ({ onRateLimit }) => {
      const tx = await client.getTransaction(sale.key);
      onRateLimit(client.lastRateLimit!);
      return tx;
    });
    expect(read.key).toBe(sale.key);
    // …reads stop at 9 of 10, staff actions may use the last call, then even they are told to wait.
    const interactive = interactiveBudgetFor(merchant);
    expect(await interactive.take("read")).toMatchObject({ ok: false, message: expect.stringMatching(/rate limit .* nothing was sent/) });
    const action = await interactive.take("action");
    expect(action.ok).toBe(true);
    await client.getTransaction(sale.key);
    await recordInteractiveCall(action, { rateLimit: client.lastRateLimit });
    const refused = await interactive.take("action");
    expect(refused).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(waits).toHaveLength(1); // people never waited on the budget
    expect((await callsFor(emu, upstream.key)).rateLimited).toBe(0);
    stop.abort();
    await sync;
  });

  it("counts the day window too: the sync's share of the day, then people's, then a day later it is free again", async () => {
    let now = T0;
    const budget = createUpstreamBudget(`test:${uniqueBase()}`, { now: () => now });
    await budget.record({ minuteLimit: 1000, minuteRemaining: 1000, dayLimit: 12, dayRemaining: 12 }, now);
    const granted = async (priority: "sync" | "read" | "action") => {
      let count = 0;
      for (;;) {
        const result = await budget.take(priority);
        if (!result.ok) return { count, result };
        count += 1;
        now += 1000;
      }
    };
    // 12 a day with a 20 % reserve: the sync gets 9, spread at most 2 an hour; reads 10; actions all 12.
    expect((await granted("sync")).count).toBe(2);
    now += 3_600_000;
    const paced = await granted("sync");
    expect(paced.count).toBe(2);
    for (let hour = 0; hour < 4; hour += 1) {
      now += 3_600_000;
      await granted("sync");
    }
    const spent = await granted("sync");
    expect(spent).toMatchObject({ count: 0, result: { ok: false, reason: "day" } });
    expect((await budget.snapshot()).usedLastDay).toBe(9);
    expect((await granted("read")).count).toBe(1);
    const last = await granted("action");
    expect(last.count).toBe(2);
    expect(last.result).toMatchObject({ ok: false, reason: "day" });
    // The first call leaves the window a day (plus a minute's margin) after it was made.
    if (!last.result.ok) expect(now + last.result.waitMs).toBe(T0 + 86_400_000 + 60_000);
    now = T0 + 86_400_000 + 60_000 + 1;
    expect((await budget.take("action")).ok).toBe(true);
  });

  it("stops on a 429 caused by someone else on the same IP, pauses every worker, and carries on once the limit allows", async () => {
    const emu = emulator();
    const upstream = await emptyUpstreamMerchant(emu);
    for (let i = 0; i < 3; i += 1) await upstream.client.sale({ amountCents: 500 + i, card: TEST_CARD });
    await emu.control("PUT", `keys/${upstream.key}`, { perMinute: 4 });
    const base = uniqueBase();
    const merchant = await makeMerchant(upstream, { base });
    // Another program on the same IP spends the whole minute of the same endpoint key (the key now counts in its own bucket).
    const other = clientOn(base, upstream, emu);
    for (let i = 0; i < 4; i += 1) await other.listBatches({ limit: 1 });

    const first = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 });
    expect(first.customers).toBe("waiting");
    expect((await callsFor(emu, upstream.key)).rateLimited).toBe(1);
    const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: merchant.id, resource: "customers" } } });
    expect(state).toMatchObject({ status: "waiting", leaseOwner: null });
    expect(state.lastError).toMatch(/rate limit/);
    const row = await db.upstreamBudget.findUniqueOrThrow({ where: { budgetKey: budgetKeyOf(merchant) } });
    const pausedUntil = row.pausedUntil!.getTime();
    expect(pausedUntil).toBeGreaterThan(T0);
    expect(row.minuteLimit).toBe(4);

    // A second worker, a second later, respects the pause: it waits for the rest of it, with no upstream call.
    const callsBefore = (await callsFor(emu, upstream.key)).calls;
    const waits: { worker: string; ms: number }[] = [];
    const stop = new AbortController();
    const waiting = runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 + 1000, signal: stop.signal, budget: { sleep: blockingSleep(waits, "second") } });
    await expect.poll(() => waits.length, { timeout: 5000 }).toBe(1);
    expect(waits[0]!.ms).toBe(pausedUntil - (T0 + 1000));
    // People are refused at once during the pause too (the upstream would answer 429): nothing is sent.
    expect(await interactiveBudgetFor(merchant, { now: () => T0 + 1000 }).take("action")).toMatchObject({ ok: false });
    stop.abort();
    expect((await waiting).customers).toBe("aborted");
    expect((await callsFor(emu, upstream.key)).calls).toBe(callsBefore);

    // The limit is raised and, on the clock, the pause and the minute have passed: the sync finishes where it stopped.
    await emu.control("PUT", `keys/${upstream.key}`, { perMinute: 1000 });
    const resumed = await runMerchantSync(merchant.id, { fetch: emu.fetch, settings: fast, now: () => T0 + 120_000 });
    expect(resumed).toEqual({ customers: "completed", transactions: "completed" });
    expect(await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id } })).toBe(3);
  });

  it("leaves calls the upstream counted but we did not make to their owner: the sync yields to them", async () => {
    let now = T0;
    const budget = createUpstreamBudget(`test:${uniqueBase()}`, { now: () => now });
    expect((await budget.take("sync")).ok).toBe(true);
    // Our one call's answer says 40 of 45 are used this minute: 39 are someone else's.
    await budget.record({ minuteLimit: 45, minuteRemaining: 5, dayLimit: 5000, dayRemaining: 4960 }, now);
    now += 1000;
    expect(await budget.take("sync")).toMatchObject({ ok: false, reason: "upstream" });
    expect((await budget.take("action")).ok).toBe(true);
    // A minute later that answer no longer describes the window.
    now += 62_000;
    expect((await budget.take("sync")).ok).toBe(true);
  });

  it("is one budget for the docs account and any other on the same host, across budgetFor calls", async () => {
    const base = uniqueBase();
    const one = await makeMerchant(DOCS_KEY, { base });
    const two = await makeMerchant(DOCS_KEY, { base });
    const a = budgetFor(one);
    const b = budgetFor(two);
    expect(a.budgetKey).toBe(b.budgetKey);
    await a.take("action");
    expect((await b.snapshot()).usedLastMinute).toBe(1);
  });
});
