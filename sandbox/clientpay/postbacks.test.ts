import { describe, expect, it } from "vitest";
import { maskTarget, PostbackOutbox, type Scheduler } from "./postbacks";
import { emulatorHarness, type WireJson } from "./testing";

/** A scheduler the test advances by hand: no wall clock involved. */
function manualClock(start = new Date("2026-03-01T12:00:00Z")) {
  let now = start;
  const timers: Array<{ due: number; run: () => void; cancelled: boolean }> = [];
  const schedule: Scheduler = (ms, run) => {
    const timer = { due: now.getTime() + ms, run, cancelled: false };
    timers.push(timer);
    return () => void (timer.cancelled = true);
  };
  const advance = async (ms: number) => {
    now = new Date(now.getTime() + ms);
    for (const timer of timers.filter((entry) => !entry.cancelled && entry.due <= now.getTime())) {
      timer.cancelled = true;
      timer.run();
    }
    // Let the attempts started by the timers finish.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { now: () => now, schedule, advance, pending: () => timers.filter((entry) => !entry.cancelled).length };
}

describe("ClientPay emulator: postback delivery", () => {
  it("retries a failed delivery on the schedule until the receiver accepts it", async () => {
    const clock = manualClock();
    const statuses = [500, 503, 200];
    const seen: unknown[] = [];
    const outbox = new PostbackOutbox({
      send: async (_url, body) => {
        seen.push(body);
        return { status: statuses.shift()! };
      },
      now: clock.now,
      schedule: clock.schedule,
      retrySeconds: [2, 10, 30],
    });
    await outbox.deliver({ account: "operating", pageRequestId: "page-1", url: "https://app.example.test/hook" }, [{ message: "result", body: { n: 1 } }]);
    expect(outbox.list()[0]).toMatchObject({ state: "pending", attempts: [{ status: 500, error: "HTTP 500" }], nextAttemptAt: "2026-03-01T12:00:02.000Z" });
    await clock.advance(1_999);
    expect(seen).toHaveLength(1);
    await clock.advance(1);
    expect(seen).toHaveLength(2);
    await clock.advance(10_000);
    expect(seen).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(outbox.list()[0]).toMatchObject({ state: "delivered", nextAttemptAt: null });
    expect(outbox.list()[0]!.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(clock.pending()).toBe(0);
  });

  it("gives up after the last retry, records network errors by name only, and keeps message order on first attempts", async () => {
    const clock = manualClock();
    const order: string[] = [];
    const outbox = new PostbackOutbox({
      send: async (_url, body) => {
        order.push((body as { m: string }).m);
        throw new TypeError("fetch failed: connect ECONNREFUSED 10.0.0.1:443 secret-token");
      },
      now: clock.now,
      schedule: clock.schedule,
      retrySeconds: [1],
    });
    await outbox.deliver({ account: "trust", pageRequestId: "p", url: "https://x.test/h?t=secret-token" }, [
      { message: "processing", body: { m: "processing" } },
      { message: "result", body: { m: "result" } },
    ]);
    expect(order).toEqual(["processing", "result"]);
    await clock.advance(1_000);
    const listed = outbox.list();
    expect(listed.map((delivery) => delivery.state)).toEqual(["failed", "failed"]);
    expect(listed[0]!.attempts).toEqual([
      { at: expect.any(String), status: null, error: "TypeError" },
      { at: expect.any(String), status: null, error: "TypeError" },
    ]);
    expect(JSON.stringify(listed)).not.toContain("secret-token");
    expect(listed[0]!.url).toBe("https://x.test/h?[redacted]");
  });

  it("flush tries pending deliveries at once and cancels their timers", async () => {
    const clock = manualClock();
    let accept = false;
    const outbox = new PostbackOutbox({
      send: async () => ({ status: accept ? 204 : 502 }),
      now: clock.now,
      schedule: clock.schedule,
      retrySeconds: [60],
    });
    await outbox.deliver({ account: "operating", pageRequestId: "p", url: "https://x.test/h" }, [{ message: "payer", body: {} }]);
    accept = true;
    expect(await outbox.flush()).toBe(1);
    expect(outbox.list()[0]!.state).toBe("delivered");
    expect(clock.pending()).toBe(0);
    expect(await outbox.flush()).toBe(0);
  });

  it("masks only the query string of a target", () => {
    expect(maskTarget("https://a.test/api/hook")).toBe("https://a.test/api/hook");
    expect(maskTarget("https://a.test/api/hook?t=1&u=2")).toBe("https://a.test/api/hook?[redacted]");
  });

  it("the control plane lists deliveries, flushes them, and reset drops them", async () => {
    let status = 500;
    const h = emulatorHarness({ postback: async () => ({ status }), postbackRetrySeconds: [3600], schedule: () => () => {} });
    const accessId = await h.newAccessId();
    const created = await h.withToken("paymentpage/invoice", accessId, {
      invoices: [{ invoiceNumber: "9", invoiceDate: "2026-01-01", outstandingBalance: 10 }],
      responseOptions: { serverSideReturnAddress: "https://app.example.test/hook?t=abc" },
    });
    expect((await h.control("POST", `pages/${created.body.requestId}/pay`, {})).body.success).toBe(true);
    const listed: WireJson[] = (await h.control("GET", "postbacks")).body.postbacks;
    expect(listed.map((delivery) => [delivery.message, delivery.state, delivery.url, delivery.pageRequestId])).toEqual([
      ["processing", "pending", "https://app.example.test/hook?[redacted]", created.body.requestId],
      ["result", "pending", "https://app.example.test/hook?[redacted]", created.body.requestId],
    ]);
    status = 200;
    expect((await h.control("POST", "postbacks/flush")).body.attempted).toBe(2);
    expect((await h.control("GET", "postbacks")).body.postbacks.map((delivery: WireJson) => delivery.state)).toEqual(["delivered", "delivered"]);
    await h.control("POST", "reset");
    expect((await h.control("GET", "postbacks")).body.postbacks).toEqual([]);
  });
});
