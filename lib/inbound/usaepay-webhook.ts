import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { usaepayWebhookSignatureKey } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { readWebhook } from "@/lib/payments/usaepay";
import { applyUsaepayEvent, objectKeyOf } from "./apply-usaepay-event";

export { WEBHOOK_SIGNATURE_HEADER } from "@/lib/payments/usaepay";

/**
 * The USAePay webhook receiver behind POST /api/webhooks/usaepay/<account>. No session: the
 * signature is the authentication — X-Signature, HMAC-SHA256 of the exact bytes received with the
 * account's signature key (docs/usaepay-api.md, "Webhooks"), checked before the body is parsed.
 * Idempotent by event_id: the event row is written first, in the same transaction as its change
 * to the mirror, so a replay (USAePay retries any non-2xx for days) finds it and changes nothing,
 * and a failure leaves neither (USAePay then retries). Answers fast: one small transaction.
 */
export interface WebhookAnswer {
  status: 200 | 400 | 401 | 404 | 413 | 503;
  body: { status: string } | { error: string };
}

/** Far above any event (a batch's detail is the largest); refused before it is read whole. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

const refuse = (status: WebhookAnswer["status"], error: string): WebhookAnswer => ({ status, body: { error } });

export async function receiveUsaepayWebhook(input: { slug: string; rawBody: string; signature: string | null; receivedAt?: Date }): Promise<WebhookAnswer> {
  if (Buffer.byteLength(input.rawBody) > MAX_WEBHOOK_BYTES) return refuse(413, "Body too large.");
  const merchant = await db.merchantAccount.findUnique({ where: { slug: input.slug }, select: { id: true } });
  // An unknown account and one without webhooks answer alike: nothing here for that URL.
  const signatureKey = merchant ? await usaepayWebhookSignatureKey(merchant.id) : null;
  if (!merchant || !signatureKey) return refuse(404, "No webhook is set up at this address.");
  const read = readWebhook({ rawBody: input.rawBody, signature: input.signature, signatureKey });
  if (!read.ok) {
    logger.warn({ merchantId: merchant.id, reason: read.reason }, "usaepay webhook refused");
    return read.reason === "bad_signature" ? refuse(401, "Signature does not match.") : refuse(400, "Not a USAePay event.");
  }
  const { event } = read;
  const receivedAt = input.receivedAt ?? new Date();
  try {
    const outcome = await db.$transaction(async (tx) => {
      // First, and a write: a replay fails here on the unique (account, event_id) key.
      await tx.usaepayWebhookEvent.create({
        data: { merchantAccountId: merchant.id, eventId: event.eventId, eventType: event.eventType, triggeredAt: event.triggeredAt ? new Date(event.triggeredAt) : null, receivedAt, objectKey: objectKeyOf(event), outcome: "applied" },
      });
      const applied = await applyUsaepayEvent(tx, merchant.id, event, receivedAt);
      if (applied !== "applied") await tx.usaepayWebhookEvent.update({ where: { merchantAccountId_eventId: { merchantAccountId: merchant.id, eventId: event.eventId } }, data: { outcome: applied } });
      return applied;
    });
    logger.info({ merchantId: merchant.id, eventType: event.eventType, outcome }, "usaepay webhook received");
    return { status: 200, body: { status: outcome } };
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 200, body: { status: "duplicate" } };
    logger.error({ merchantId: merchant.id, eventType: event.eventType, err: error instanceof Error ? error.name : "unknown" }, "usaepay webhook could not be stored");
    // USAePay retries on any non-2xx: the event is not lost.
    return refuse(503, "Try again later.");
  }
}
