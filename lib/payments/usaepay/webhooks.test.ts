import { describe, expect, it } from "vitest";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { clientAgainst, OPERATING_KEY, VISA } from "./test-harness";
import { computeWebhookSignature, parseWebhookEvent, readWebhook, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from "./webhooks";

const KEY = "merchant-signature-key";
const BODY = '{"type":"event","event_type":"transaction.sale.success","event_id":"e1","event_body":{"object":{"key":"abc","refnum":123,"result_code":"A","amount":"5.00"}}}';

describe("verifyWebhookSignature", () => {
  it("accepts the HMAC-SHA256 hex of the raw body (either hex case) and nothing else", () => {
    const signature = computeWebhookSignature(BODY, KEY);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(BODY, signature, KEY)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(BODY), signature.toUpperCase(), KEY)).toBe(true);
    expect(verifyWebhookSignature(`${BODY} `, signature, KEY)).toBe(false);
    expect(verifyWebhookSignature(BODY, signature, "other-key")).toBe(false);
    expect(verifyWebhookSignature(BODY, signature.slice(0, 63), KEY)).toBe(false);
    expect(verifyWebhookSignature(BODY, `${signature}00`, KEY)).toBe(false);
    expect(verifyWebhookSignature(BODY, "z".repeat(64), KEY)).toBe(false);
    expect(verifyWebhookSignature(BODY, null, KEY)).toBe(false);
    expect(verifyWebhookSignature(BODY, signature, "")).toBe(false);
  });
});

describe("parseWebhookEvent / readWebhook", () => {
  it("never parses a body whose signature fails, and refuses junk without detail", () => {
    expect(readWebhook({ rawBody: BODY, signature: "0".repeat(64), signatureKey: KEY })).toEqual({ ok: false, reason: "bad_signature" });
    expect(parseWebhookEvent("{not json")).toEqual({ ok: false, reason: "not_json" });
    expect(parseWebhookEvent('{"type":"event"}')).toEqual({ ok: false, reason: "bad_shape" });
    expect(parseWebhookEvent('{"type":"event","event_type":"transaction.sale.success","event_id":"e","event_body":{"object":{"refnum":1}}}')).toEqual({ ok: false, reason: "bad_shape" });
  });

  it("maps a transaction event's subset object (numeric refnum) to the domain type", () => {
    const read = readWebhook({ rawBody: BODY, signature: computeWebhookSignature(BODY, KEY), signatureKey: KEY });
    expect(read).toMatchObject({ ok: true, event: { kind: "transaction", eventId: "e1", transaction: { key: "abc", refnum: "123", amountCents: 500, outcome: "approved" } } });
  });

  it("passes events it does not act on through as 'other'", () => {
    const ach = JSON.stringify({ type: "event", event_type: "ach.settled", event_id: "e2", event_body: { object: { type: "transaction", key: "k" }, changes: { old: { status: "B" }, new: { status: "S" } } } });
    expect(parseWebhookEvent(ach)).toMatchObject({ ok: true, event: { kind: "other", eventType: "ach.settled", changes: { old: { status: "B" }, new: { status: "S" } } } });
  });
});

describe("webhooks from the emulator", () => {
  it("verifies and parses what the emulator sends for a refund, a void and a batch close", async () => {
    const deliveries: { body: string; signature: string | null }[] = [];
    const emulator = createUsaepayEmulator({
      anchorDate: "2026-01-15T00:00:00Z",
      ratePerMinute: 100_000,
      webhookFetch: async (_url, init) => {
        deliveries.push({ body: String(init.body), signature: new Headers(init.headers).get(WEBHOOK_SIGNATURE_HEADER) });
        return new Response(null, { status: 204 });
      },
      webhookSchedule: (_delay, run) => {
        run();
        return () => undefined;
      },
    });
    const { client, control } = clientAgainst(emulator);
    await control("PUT", `webhooks/${OPERATING_KEY}`, { url: "https://paydesk.test/api/webhooks/usaepay/operating", signatureKey: KEY });
    const sale = await client.sale({ amountCents: 2000, card: VISA });
    const refund = await client.refund({ transactionKey: sale.key, amountCents: 500 });
    await client.voidTransaction({ transactionKey: refund.key });
    await client.closeCurrentBatch();
    await new Promise((resolve) => setImmediate(resolve));

    const events = deliveries.map(({ body, signature }) => readWebhook({ rawBody: body, signature, signatureKey: KEY }));
    expect(events.every((e) => e.ok)).toBe(true);
    const parsed = events.flatMap((e) => (e.ok ? [e.event] : []));
    expect(parsed.map((e) => e.eventType)).toEqual(["transaction.sale.success", "transaction.refund.success", "transaction.refund.voided", "settlement.batch.success"]);
    const [saleEvent, refundEvent, voidEvent, batchEvent] = parsed;
    expect(saleEvent).toMatchObject({ kind: "transaction", transaction: { key: sale.key, refnum: sale.refnum, amountCents: 2000, statusCode: "P" } });
    expect(refundEvent).toMatchObject({ kind: "transaction", transaction: { key: refund.key, amountCents: 500, refundOf: { key: sale.key } } });
    expect(voidEvent).toMatchObject({ changes: { old: { status_code: "P" }, new: { status_code: "V" } } });
    expect(batchEvent).toMatchObject({ kind: "batch", batch: { key: sale.batch?.key, status: "closed" } });
    if (batchEvent?.kind === "batch") expect(batchEvent.batch.netCents).toBe((batchEvent.batch.salesCents ?? 0) - (batchEvent.batch.refundsCents ?? 0));
    expect(new Set(parsed.map((e) => e.eventId)).size).toBe(4);
    expect(parsed[0]?.triggeredAt).toMatch(/Z$/);
    expect(readWebhook({ rawBody: deliveries[0]?.body ?? "", signature: deliveries[0]?.signature, signatureKey: "wrong" })).toEqual({ ok: false, reason: "bad_signature" });
  });
});
