import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/usaepay/[merchant]/route";
import { storeWebhookSignatureKey } from "@/lib/dal/internal/webhook-settings";
import { db } from "@/lib/db";
import { computeWebhookSignature } from "@/lib/payments/usaepay";
import { runMerchantSync } from "@/lib/sync/runner";
import { emptyUpstreamMerchant, makeMerchant, TEST_CARD, withControl } from "@/lib/sync/test-support";
import { createUsaepayEmulator } from "@/sandbox/usaepay";

/**
 * The receiver route, called as Next calls it, with deliveries the emulator really signed and
 * sent. Each delivery is captured first, so a test can pass it on, replay it or tamper with it.
 */
interface Delivery {
  url: string;
  body: string;
  signature: string | null;
}

function setup() {
  const deliveries: Delivery[] = [];
  const emu = withControl(
    createUsaepayEmulator({
      ratePerMinute: 100_000,
      ratePerDay: 1_000_000,
      webhookFetch: async (url, init) => {
        deliveries.push({ url, body: String(init.body), signature: new Headers(init.headers).get("x-signature") });
        return new Response("{}", { status: 200 });
      },
      webhookSchedule: (_delay, task) => {
        task();
        return () => undefined;
      },
    }),
  );
  return { emu, deliveries };
}

async function post(slug: string, delivery: Pick<Delivery, "body" | "signature">) {
  const headers = new Headers({ "content-type": "application/json" });
  if (delivery.signature) headers.set("x-signature", delivery.signature);
  const response = await POST(new Request(`http://paydesk.test/api/webhooks/usaepay/${slug}`, { method: "POST", headers, body: delivery.body }), { params: Promise.resolve({ merchant: slug }) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** An account on a fresh emulated merchant whose webhooks the emulator signs with `signatureKey`. */
async function accountWithWebhooks(t: ReturnType<typeof setup>, signatureKey = `whsec-${Math.random().toString(36).slice(2)}`) {
  const upstream = await emptyUpstreamMerchant(t.emu);
  const merchant = await makeMerchant(upstream);
  await storeWebhookSignatureKey(merchant.id, signatureKey, { actor: null });
  await t.emu.control("PUT", `webhooks/${upstream.key}`, { url: `http://paydesk.test/api/webhooks/usaepay/${merchant.slug}`, signatureKey });
  return { upstream, merchant, signatureKey };
}

const mirrored = (merchantAccountId: string, key: string) => db.mirrorTransaction.findUnique({ where: { merchantAccountId_key: { merchantAccountId, key } } });

describe("USAePay webhook route", { timeout: 30_000 }, () => {
  it("accepts a signed delivery and puts the sale in the mirror at once, before any sync", async () => {
    const t = setup();
    const { upstream, merchant } = await accountWithWebhooks(t);
    const sale = await upstream.client.sale({ amountCents: 4321, card: TEST_CARD, invoice: "WH-1" });
    const delivery = t.deliveries.at(-1)!;
    expect(JSON.parse(delivery.body)).toMatchObject({ event_type: "transaction.sale.success" });

    expect(await post(merchant.slug, delivery)).toEqual({ status: 200, body: { status: "applied" } });
    expect(await mirrored(merchant.id, sale.key)).toMatchObject({ amountCents: 4321, invoice: "WH-1", statusCode: "P" });
    expect(await db.syncState.count({ where: { merchantAccountId: merchant.id } })).toBe(0);
    const event = await db.usaepayWebhookEvent.findFirstOrThrow({ where: { merchantAccountId: merchant.id } });
    expect(event).toMatchObject({ eventType: "transaction.sale.success", objectKey: sale.key, outcome: "applied" });
  });

  it("refuses a wrong or missing signature, a body changed after signing, and an account without webhooks, storing nothing", async () => {
    const t = setup();
    const { upstream, merchant } = await accountWithWebhooks(t);
    const sale = await upstream.client.sale({ amountCents: 1500, card: TEST_CARD });
    const delivery = t.deliveries.at(-1)!;

    expect(await post(merchant.slug, { body: delivery.body, signature: computeWebhookSignature(delivery.body, "not-the-key") })).toMatchObject({ status: 401 });
    expect(await post(merchant.slug, { body: delivery.body, signature: null })).toMatchObject({ status: 401 });
    expect(await post(merchant.slug, { body: delivery.body.replace("15.00", "1.00"), signature: delivery.signature })).toMatchObject({ status: 401 });
    const other = await makeMerchant(upstream);
    expect(await post(other.slug, delivery)).toMatchObject({ status: 404 });
    expect(await post("no-such-account", delivery)).toMatchObject({ status: 404 });
    expect(await mirrored(merchant.id, sale.key)).toBeNull();
    expect(await db.usaepayWebhookEvent.count({ where: { merchantAccountId: { in: [merchant.id, other.id] } } })).toBe(0);
  });

  it("answers a signed body that is not an event with 400", async () => {
    const t = setup();
    const { merchant, signatureKey } = await accountWithWebhooks(t);
    for (const body of ["not json", JSON.stringify({ type: "event" })]) {
      expect(await post(merchant.slug, { body, signature: computeWebhookSignature(body, signatureKey) })).toMatchObject({ status: 400 });
    }
  });

  it("ignores a replayed event: same answer, no second change", async () => {
    const t = setup();
    const { upstream, merchant } = await accountWithWebhooks(t);
    const sale = await upstream.client.sale({ amountCents: 2000, card: TEST_CARD });
    const saleEvent = t.deliveries.at(-1)!;
    await upstream.client.voidTransaction({ transactionKey: sale.key });
    const voidEvent = t.deliveries.at(-1)!;
    expect(JSON.parse(voidEvent.body).event_type).toBe("transaction.sale.voided");

    expect((await post(merchant.slug, saleEvent)).body.status).toBe("applied");
    expect((await post(merchant.slug, voidEvent)).body.status).toBe("applied");
    expect(await mirrored(merchant.id, sale.key)).toMatchObject({ statusCode: "V" });
    // USAePay retries for days: the same event again changes nothing, and still answers 200.
    expect(await post(merchant.slug, voidEvent)).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(await db.usaepayWebhookEvent.count({ where: { merchantAccountId: merchant.id } })).toBe(2);
  });

  it("keeps the newest state when deliveries arrive out of order, and does not let a slower sync page undo an event", async () => {
    const t = setup();
    const { upstream, merchant, signatureKey } = await accountWithWebhooks(t);
    const sale = await upstream.client.sale({ amountCents: 2500, card: TEST_CARD });
    const saleEvent = JSON.parse(t.deliveries.at(-1)!.body) as { event_triggered: string; event_id: string };
    await upstream.client.voidTransaction({ transactionKey: sale.key });
    const voidEvent = t.deliveries.at(-1)!;
    expect((await post(merchant.slug, voidEvent)).body.status).toBe("applied");

    // The sale's own event, retried late and stamped a minute earlier than the void, arrives now.
    const late = JSON.stringify({ ...JSON.parse(t.deliveries.at(-2)!.body), event_id: `${saleEvent.event_id.slice(0, 60)}beef`, event_triggered: "2000-01-01 00:00:00" });
    expect((await post(merchant.slug, { body: late, signature: computeWebhookSignature(late, signatureKey) })).body.status).toBe("stale");
    expect(await mirrored(merchant.id, sale.key)).toMatchObject({ statusCode: "V" });

    // A sync page read before the void (its clock earlier than the event) leaves the row alone.
    await runMerchantSync(merchant.id, { fetch: t.emu.fetch, settings: { detailsPerRun: 0, restFactor: 0 }, now: () => Date.parse("2000-01-01T00:00:00Z") });
    expect(await mirrored(merchant.id, sale.key)).toMatchObject({ statusCode: "V" });
  });

  it("settles the mirror's pending rows of a closed batch, and records the refund as a new row", async () => {
    const t = setup();
    const { upstream, merchant } = await accountWithWebhooks(t);
    const sale = await upstream.client.sale({ amountCents: 3000, card: TEST_CARD });
    await post(merchant.slug, t.deliveries.at(-1)!);
    const refund = await upstream.client.refund({ transactionKey: sale.key, amountCents: 1000 });
    const refundEvent = t.deliveries.at(-1)!;
    expect(JSON.parse(refundEvent.body).event_type).toBe("transaction.refund.success");
    expect((await post(merchant.slug, refundEvent)).body.status).toBe("applied");
    expect(await mirrored(merchant.id, refund.key)).toMatchObject({ amountCents: 1000 });

    await t.emu.control("POST", "batches/close", { apiKey: upstream.key });
    const close = t.deliveries.at(-1)!;
    expect(JSON.parse(close.body).event_type).toBe("settlement.batch.success");
    expect((await post(merchant.slug, close)).body.status).toBe("applied");
    expect(await mirrored(merchant.id, sale.key)).toMatchObject({ statusCode: "S", statusLabel: "Settled" });
    expect(await mirrored(merchant.id, refund.key)).toMatchObject({ statusCode: "S" });
  });
});
