import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { OPERATING_KEY, testEmulator, type Wire } from "./test-helpers";
import { RETRY_DELAYS_MS } from "./webhooks";

/** Signed webhooks for the emulator's own state changes (docs/usaepay-api.md, "Webhooks"). */
const VISA = { number: "4000100011112224", expiration: "0930", cvc: "123" };
const SIGNATURE_KEY = "whsec-test-signature-key";

function harness(answer: (attempt: number) => number | "hang" | "refused" = () => 200) {
  const received: { url: string; body: string; signature: string | null }[] = [];
  const pending: { delayMs: number; run: () => void }[] = [];
  const t = testEmulator({
    webhookFetch: async (url, init) => {
      received.push({ url, body: String(init.body), signature: new Headers(init.headers).get("X-Signature") });
      const status = answer(received.length);
      if (status === "refused") throw new TypeError("fetch failed");
      if (status === "hang") {
        return new Promise<Response>((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true }));
      }
      return new Response("", { status });
    },
    webhookSchedule: (delayMs, run) => {
      const entry = { delayMs, run };
      pending.push(entry);
      return () => pending.splice(pending.indexOf(entry), 1);
    },
  });
  /** Runs every due attempt (and what they schedule at delay 0), returning the delays of retries left waiting. */
  const flush = async () => {
    for (let guard = 0; guard < 100; guard += 1) {
      const due = pending.findIndex((entry) => entry.delayMs === 0);
      if (due < 0) break;
      const [entry] = pending.splice(due, 1);
      entry?.run();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return pending.map((entry) => entry.delayMs);
  };
  /** Runs the next waiting retry, whatever its delay. */
  const runNextRetry = async () => {
    const entry = pending.shift();
    entry?.run();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  };
  const sale = async (amount = "10.00") => (await t.api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount, creditcard: VISA } })).json;
  const run = async (body: Record<string, unknown>) => (await t.api("POST", "/api/v2/transactions", { body })).json;
  const events = () => received.map((r) => JSON.parse(r.body) as Wire);
  return { ...t, received, pending, flush, runNextRetry, sale, run, events };
}

describe("webhooks", () => {
  it("sends nothing until a webhook is configured for the key's merchant", async () => {
    const { sale, flush, received } = harness();
    await sale();
    await flush();
    expect(received).toHaveLength(0);
  });

  it("reports each state change as a signed event with a unique 64-hex event_id", async () => {
    const { control, sale, run, flush, received, events, api } = harness();
    const configured = await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/api/webhooks/usaepay/operating", signatureKey: SIGNATURE_KEY });
    expect(configured.json).toMatchObject({ merchant: "operating", enabled: true, signed: true, retryScale: 1, timeoutMs: 45_000 });
    const first = await sale("10.00");
    await run({ command: "refund", trankey: first.key, amount: "4.00" });
    await run({ command: "void", trankey: first.key });
    const auth = await run({ command: "cc:authonly", amount: "30.00", creditcard: VISA });
    await run({ command: "cc:capture", trankey: auth.key, amount: "25.00" });
    await run({ command: "cc:adjust", trankey: auth.key, amount: "20.00" });
    await run({ command: "cc:sale", amount: "1.00", creditcard: { ...VISA, number: "4000300011112220" } });
    await api("POST", "/api/v2/batches/current/close");
    await flush();

    expect(events().map((e) => e.event_type)).toEqual([
      "transaction.sale.success", "transaction.refund.success", "transaction.sale.voided", "transaction.sale.success",
      "transaction.sale.captured", "transaction.sale.adjusted", "transaction.sale.failure", "settlement.batch.success",
    ]);
    for (const { body, signature, url } of received) {
      expect(url).toBe("https://paydesk.test/api/webhooks/usaepay/operating");
      expect(signature).toBe(createHmac("sha256", SIGNATURE_KEY).update(body).digest("hex"));
      expect(body).not.toContain(OPERATING_KEY);
    }
    const ids = events().map((e) => e.event_id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(ids).size).toBe(ids.length);

    const [saleEvent, refundEvent, voidEvent] = events();
    expect(saleEvent).toMatchObject({ type: "event", event_body: { merchant: { merch_key: expect.any(String) }, object: { type: "transaction", key: first.key, refnum: Number(first.refnum), status_code: "P", amount: "10.00" } } });
    expect(saleEvent.event_triggered).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(refundEvent.event_body.object).toMatchObject({ trantype_code: "C", amount: "4.00", refund_of: { key: first.key } });
    expect(voidEvent.event_body.changes).toEqual({ old: { status_code: "P", status: "Authorized (Pending Settlement)" }, new: { status_code: "V", status: "Voided" } });
    const batchEvent = events().at(-1);
    expect(batchEvent.event_body.object).toMatchObject({ type: "batch", status: "closed" });
    expect(batchEvent.event_body.changes).toEqual({ old: { status: "open" }, new: { status: "closed" } });
    const deliveries = (await control("GET", `webhooks/${OPERATING_KEY}/deliveries`)).json.data;
    expect(deliveries).toHaveLength(8);
    expect(deliveries.every((d: Wire) => d.state === "delivered" && d.attempts.length === 1 && d.attempts[0].status === 200)).toBe(true);
  });

  it("keeps a body frozen at the change it reports, even if the transaction changes before delivery", async () => {
    const { control, sale, run, flush, events } = harness();
    await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/hook", signatureKey: SIGNATURE_KEY });
    const first = await sale();
    await run({ command: "void", trankey: first.key });
    await flush();
    expect(events()[0].event_body.object.status_code).toBe("P");
    expect(events()[1].event_body.object.status_code).toBe("V");
  });

  it("filters by event type, can be turned off, and sends unsigned without a signature key", async () => {
    const { control, sale, run, flush, received } = harness();
    await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/hook", events: ["transaction.refund.success"] });
    const first = await sale();
    await run({ command: "refund", trankey: first.key });
    await flush();
    expect(received.map((r) => JSON.parse(r.body).event_type)).toEqual(["transaction.refund.success"]);
    expect(received[0]?.signature).toBeNull();
    await control("PUT", `webhooks/${OPERATING_KEY}`, { enabled: false });
    await sale();
    await flush();
    expect(received).toHaveLength(1);
    expect((await control("PUT", `webhooks/${OPERATING_KEY}`, { events: ["transaction.nope"] })).status).toBe(400);
    expect((await control("DELETE", `webhooks/${OPERATING_KEY}`)).json).toEqual({ status: "success" });
    expect((await control("GET", `webhooks/${OPERATING_KEY}`)).status).toBe(404);
  });

  it("retries a failing receiver on the documented schedule, scaled, with the same event each time", async () => {
    const { control, sale, flush, runNextRetry, received, pending } = harness((attempt) => (attempt < 4 ? 503 : 200));
    await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/hook", signatureKey: SIGNATURE_KEY, retryScale: 0.001 });
    await sale();
    expect(await flush()).toEqual([300]);
    await runNextRetry();
    await runNextRetry();
    expect(pending.map((p) => p.delayMs)).toEqual([300]);
    await runNextRetry();
    expect(received).toHaveLength(4);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    const [delivery] = (await control("GET", `webhooks/${OPERATING_KEY}/deliveries`)).json.data;
    expect(delivery.state).toBe("delivered");
    expect(delivery.attempts.map((a: Wire) => a.status)).toEqual([503, 503, 503, 200]);
  });

  it("gives up after the last documented retry", async () => {
    const { control, sale, flush, runNextRetry, received } = harness(() => "refused");
    await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/hook" });
    await sale();
    await flush();
    const delays: number[] = [];
    for (let retry = 0; retry < RETRY_DELAYS_MS.length; retry += 1) {
      const [delivery] = (await control("GET", `webhooks/${OPERATING_KEY}/deliveries`)).json.data;
      delays.push(delivery.nextDelayMs);
      await runNextRetry();
    }
    // Every 5 min for 1 h, hourly for 11 h, every 3 h for 12 h, every 6 h for 48 h.
    expect(delays).toEqual([...Array(12).fill(300_000), ...Array(11).fill(3_600_000), ...Array(4).fill(10_800_000), ...Array(8).fill(21_600_000)]);
    expect(received).toHaveLength(36);
    const [delivery] = (await control("GET", `webhooks/${OPERATING_KEY}/deliveries`)).json.data;
    expect(delivery.state).toBe("failed");
    expect(delivery.nextDelayMs).toBeUndefined();
    expect(delivery.attempts.every((a: Wire) => a.error === "network error")).toBe(true);
  });

  it("counts a receiver that does not answer within timeoutMs as a timeout, then retries", async () => {
    const { control, sale, flush, pending } = harness(() => "hang");
    await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/hook", timeoutMs: 5 });
    await sale();
    await flush();
    await vi.waitFor(async () => expect((await control("GET", `webhooks/${OPERATING_KEY}/deliveries`)).json.data[0].attempts[0].error).toBe("timeout"));
    expect(pending.map((p) => p.delayMs)).toEqual([300_000]);
  });
});
