import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ChaosSettings, chaosMiddleware, globToRegExp, hold } from "./chaos";
import { hashString, rowRandom, SeededRandom } from "./prng";

describe("prng", () => {
  it("repeats the same sequence for the same seed and row", () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
    expect(rowRandom(7, 1000).string(8)).toBe(rowRandom(7, 1000).string(8));
    expect(rowRandom(7, 1000).string(8)).not.toBe(rowRandom(7, 1001).string(8));
    expect(hashString("operating")).not.toBe(hashString("trust"));
  });
});

describe("chaos", () => {
  it("matches globs over whole paths", () => {
    expect(globToRegExp("/api/*/transactions").test("/api/v2/transactions")).toBe(true);
    expect(globToRegExp("/api/*/transactions").test("/api/v2/transactions/abc")).toBe(false);
    expect(globToRegExp("/api/v2/customers*").test("/api/v2/customers/abc")).toBe(true);
  });

  it("fires 'next N' rules N times, and rate-limited rules about `rate` of the time", () => {
    const settings = new ChaosSettings(() => 0);
    settings.addFault({ kind: "http500", path: "/a", remaining: 2 });
    expect(settings.takeFault("GET", "/a")?.kind).toBe("http500");
    expect(settings.takeFault("GET", "/b")).toBeUndefined();
    expect(settings.takeFault("GET", "/a")?.kind).toBe("http500");
    expect(settings.takeFault("GET", "/a")).toBeUndefined();
    const rng = new SeededRandom(3);
    const sometimes = new ChaosSettings(() => rng.next());
    sometimes.addFault({ kind: "http503", rate: 0.3 });
    let hits = 0;
    for (let i = 0; i < 1000; i += 1) if (sometimes.takeFault("GET", "/x")) hits += 1;
    expect(hits).toBeGreaterThan(240);
    expect(hits).toBeLessThan(360);
  });

  it("serves malformed JSON and custom error bodies through the middleware", async () => {
    const settings = new ChaosSettings(() => 0);
    const app = new Hono();
    app.use("*", chaosMiddleware({ settings, errorResponse: (c, status) => c.text(`custom ${status}`, status) }));
    app.get("*", (c) => c.json({ ok: true }));
    settings.addFault({ kind: "malformed", remaining: 1 });
    settings.addFault({ kind: "http503", remaining: 1 });
    const malformed = await app.request("/anything");
    await expect(malformed.clone().json()).rejects.toThrow();
    expect(await (await app.request("/anything")).text()).toBe("custom 503");
    expect(await (await app.request("/anything")).json()).toEqual({ ok: true });
  });

  it("timeout_after_processing runs the handler, then holds the answer through the injected sleep", async () => {
    const settings = new ChaosSettings(() => 0);
    const waits: number[] = [];
    let handled = 0;
    const app = new Hono();
    app.use("*", chaosMiddleware({ settings, sleep: async (ms) => void waits.push(ms) }));
    app.post("*", (c) => {
      handled += 1;
      return c.json({ done: handled });
    });
    settings.addFault({ kind: "timeout_after_processing", holdMs: 5_000, remaining: 1 });
    settings.addFault({ kind: "timeout", holdMs: 7_000, remaining: 1 });
    settings.setLatency({ fixedMs: 30, jitterMs: 0 });
    expect(await (await app.request("/pay", { method: "POST" })).json()).toEqual({ done: 1 });
    expect(handled).toBe(1);
    expect(waits).toEqual([30, 5_000]);
    expect((await app.request("/pay", { method: "POST" })).status).toBe(504);
    expect(handled).toBe(1);
    expect(waits).toEqual([30, 5_000, 30, 7_000]);
  });

  it("hold ends early when the signal aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await hold(10_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
