import { describe, expect, it, vi } from "vitest";
import { createUsaepayEmulator } from "./index";
import { basicAuth, OPERATING_KEY, OPERATING_PIN, TEST_ANCHOR, testEmulator, TRUST_KEY, type Wire } from "./test-helpers";

describe("control plane /__sandbox/usaepay/", () => {
  it("lists the demo credentials", async () => {
    const { control } = testEmulator();
    const res = await control("GET", "credentials");
    expect(res.json.data.map((c: Wire) => [c.apiKey, c.pin])).toEqual([
      ["_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7", "123456"],
      ["PDdemoOperating00000000000000001", "1111"],
      ["PDdemoTrust000000000000000000002", "2222"],
    ]);
  });

  it("adds a key for an existing merchant (key rotation) and removes the old one", async () => {
    const { api, control } = testEmulator();
    const added = await control("POST", "keys", { apiKey: "PDrotatedOperating0000000000000A", pin: "4321", merchant: "operating" });
    expect(added.status).toBe(201);
    const viaOld = await api("GET", "/api/v2/transactions?limit=1");
    const viaNew = await api("GET", "/api/v2/transactions?limit=1", { key: "PDrotatedOperating0000000000000A", pin: "4321" });
    expect(viaNew.json.data[0].key).toBe(viaOld.json.data[0].key);
    expect((await control("DELETE", `keys/${OPERATING_KEY}`)).json.status).toBe("success");
    const removed = await api("GET", "/api/v2/transactions?limit=1");
    expect(removed.json.errorcode).toBe(23);
  });

  it("adds a key for a new, empty merchant (also when merchant is an existing API key)", async () => {
    const { api, control } = testEmulator();
    await control("POST", "keys", { apiKey: "emptykey", pin: "0000" });
    const empty = await api("GET", "/api/v2/transactions", { key: "emptykey", pin: "0000" });
    expect(empty.json).toMatchObject({ total: "0", data: [] });
    await control("POST", "keys", { apiKey: "trustalias", pin: "1", merchant: TRUST_KEY });
    const alias = await api("GET", "/api/v2/customers?limit=1", { key: "trustalias", pin: "1" });
    expect(alias.json.total).toBe("2500");
    expect((await control("POST", "keys", { pin: "1" })).status).toBe(400);
  });

  it("resets one merchant to its seed, keeping others' mutations", async () => {
    const { api, control } = testEmulator();
    const { TRUST_PIN } = await import("./test-helpers");
    await api("POST", "/api/v2/customers", { body: { company: "Operating Extra" } });
    await api("POST", "/api/v2/customers", { key: TRUST_KEY, pin: TRUST_PIN, body: { company: "Trust Extra" } });
    await control("POST", "reset", { apiKey: OPERATING_KEY });
    expect((await api("GET", "/api/v2/customers?limit=1")).json.total).toBe("2600");
    expect((await api("GET", "/api/v2/customers?limit=1", { key: TRUST_KEY, pin: TRUST_PIN })).json.total).toBe("2501");
    await control("POST", "reset", {});
    expect((await api("GET", "/api/v2/customers?limit=1", { key: TRUST_KEY, pin: TRUST_PIN })).json.total).toBe("2500");
  });

  it("injects faults for the next N calls on a path, then lets calls through", async () => {
    const { api, control } = testEmulator();
    await control("POST", "faults", { kind: "http503", path: "/api/*/batches*", count: 2 });
    expect((await api("GET", "/api/v2/batches")).status).toBe(503);
    expect((await api("GET", "/api/v2/transactions?limit=1")).status).toBe(200);
    expect((await api("GET", "/api/v2/batches")).status).toBe(503);
    expect((await api("GET", "/api/v2/batches")).status).toBe(200);
    await control("POST", "faults", { kind: "http500", method: "POST" });
    expect((await api("POST", "/api/v2/transactions", { body: { command: "void", trankey: "x" } })).status).toBe(500);
    await control("DELETE", "faults");
    await control("POST", "faults", { kind: "malformed", path: "/api/v2/customers" });
    const malformed = await api("GET", "/api/v2/customers");
    expect(malformed.status).toBe(200);
    expect(malformed.json).toBeUndefined();
    expect((await control("GET", "faults")).json.data).toHaveLength(1);
    const counters = await control("GET", "counters");
    expect(counters.json.keys[OPERATING_KEY].faultsInjected).toBe(4);
  });

  it("holds a timeout fault until the client gives up (asserted on the injected sleep, not on time)", async () => {
    const holds: { ms: number; signal?: AbortSignal }[] = [];
    const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
      holds.push({ ms, signal });
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
    const { emulator, control } = testEmulator({ sleep });
    await control("POST", "faults", { kind: "timeout", path: "/api/v2/batches" });
    const client = new AbortController();
    let settled = false;
    const pending = Promise.resolve(emulator.app.request("http://x/api/v2/batches", { headers: { Authorization: basicAuth(OPERATING_KEY, OPERATING_PIN) }, signal: client.signal }))
      .finally(() => { settled = true; });
    await vi.waitFor(() => expect(holds).toHaveLength(1));
    expect(holds[0]?.ms).toBe(120_000);
    expect(settled).toBe(false);
    client.abort();
    await pending.catch(() => undefined);
    expect(settled).toBe(true);
    expect(holds[0]?.signal?.aborted).toBe(true);
  });

  it("timeout_after_processing runs the command, then holds its answer", async () => {
    const holds: number[] = [];
    const { api, control } = testEmulator({ sleep: async (ms) => void holds.push(ms) });
    await control("POST", "faults", { kind: "timeout_after_processing", method: "POST", path: "/api/*/transactions", holdMs: 9_000, count: 1 });
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "3.00", creditcard: { number: "4000100011112224", expiration: "0930" } } });
    expect(holds).toEqual([9_000]);
    expect(sale.json.result_code).toBe("A");
    expect((await api("GET", "/api/v2/transactions?limit=1")).json.data[0].key).toBe(sale.json.key);
  });

  it("adds latency with jitter to matching paths only (asserted on the requested delays)", async () => {
    const delays: number[] = [];
    const { api, control } = testEmulator({ sleep: async (ms) => void delays.push(ms) });
    await control("PUT", "latency", { fixedMs: 400, jitterMs: 30, path: "/api/*/batches" });
    await api("GET", "/api/v2/batches");
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(400);
    expect(delays[0]).toBeLessThanOrEqual(430);
    await api("GET", "/api/v2/transactions?limit=1");
    expect(delays).toHaveLength(1);
    await control("DELETE", "latency");
    expect((await control("GET", "latency")).json.data).toEqual([]);
  });

  it("counts every call per key and per method + path, faults and refusals included", async () => {
    const { api, control } = testEmulator();
    await control("POST", "faults", { kind: "http503", method: "POST", count: 1 });
    const body = { command: "cc:sale", amount: "1.00", creditcard: { number: "4000100011112224", expiration: "0930" } };
    expect((await api("POST", "/api/v2/transactions", { body })).status).toBe(503);
    const sale = await api("POST", "/api/v2/transactions/", { body });
    await api("GET", `/api/v2/transactions/${sale.json.key}`);
    await api("GET", "/api/ab12cd/transactions?limit=5&offset=10");
    const mine = (await control("GET", `counters/${OPERATING_KEY}`)).json;
    expect(mine).toMatchObject({ calls: 4, faultsInjected: 1 });
    expect(mine.routes).toEqual({ "POST /transactions": 2, [`GET /transactions/${sale.json.key}`]: 1, "GET /transactions": 1 });
    expect((await control("GET", "counters")).json.keys[OPERATING_KEY].routes["POST /transactions"]).toBe(2);
    expect((await control("GET", "counters/nobody")).json).toMatchObject({ calls: 0, routes: {} });
  });

  it("counts calls and 429s per key", async () => {
    const { api, control } = testEmulator({ ratePerMinute: 2 });
    for (let i = 0; i < 3; i += 1) await api("GET", "/api/v2/batches");
    const counters = await control("GET", "counters");
    expect(counters.json.keys[OPERATING_KEY]).toMatchObject({ calls: 3, rateLimited: 1 });
    expect(counters.json.totals.calls).toBe(3);
    await control("DELETE", "counters");
    expect((await control("GET", "counters")).json.totals.calls).toBe(0);
  });
});

describe("deterministic demo data", () => {
  it("generates identical pages on every run, dated back from the anchor", async () => {
    const first = createUsaepayEmulator({ anchorDate: TEST_ANCHOR, ratePerMinute: 1000 });
    const second = createUsaepayEmulator({ anchorDate: TEST_ANCHOR, ratePerMinute: 1000 });
    const headers = { Authorization: basicAuth(OPERATING_KEY, OPERATING_PIN) };
    const a = await (await first.app.request("http://x/api/v2/transactions?limit=1000&offset=70000", { headers })).text();
    const b = await (await second.app.request("http://x/api/v2/transactions?limit=1000&offset=70000", { headers })).text();
    expect(a).toBe(b);
    const shifted = createUsaepayEmulator({ anchorDate: "2026-02-15T00:00:00Z", ratePerMinute: 1000 });
    const c = JSON.parse(await (await shifted.app.request("http://x/api/v2/transactions?limit=1&offset=70000", { headers })).text());
    const firstRow = JSON.parse(a).data[0];
    expect(c.data[0].key).toBe(firstRow.key);
    expect(c.data[0].created).not.toBe(firstRow.created);
  });

  it("spans 24 months with ≥100,000 transactions and a realistic mix", async () => {
    const { api } = testEmulator();
    const newest = (await api("GET", "/api/v2/transactions?limit=1")).json;
    const oldest = (await api("GET", "/api/v2/transactions?limit=1&offset=103999")).json.data[0];
    expect(Number(newest.total)).toBeGreaterThanOrEqual(100_000);
    expect(newest.data[0].created.slice(0, 7)).toBe("2026-01");
    expect(oldest.created.slice(0, 7)).toBe("2024-01");
    const sample = (await api("GET", "/api/v2/transactions?limit=1000&offset=30000")).json.data;
    const count = (predicate: (t: Wire) => boolean) => sample.filter(predicate).length;
    expect(count((t) => t.result_code === "D")).toBeGreaterThan(20);
    expect(count((t) => t.status_code === "V")).toBeGreaterThan(10);
    expect(count((t) => t.trantype_code === "C")).toBeGreaterThan(10);
    expect(count((t) => t.trantype_code === "K")).toBeGreaterThan(5);
    expect(count((t) => t.status_code === "S")).toBeGreaterThan(700);
    for (const tx of sample.filter((t: Wire) => t.creditcard)) expect(tx.creditcard.number).toMatch(/^\d{4}x+\d{4}$/);
  });
});
