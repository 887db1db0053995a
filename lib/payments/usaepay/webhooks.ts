import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { gatewayLocalToIso, toBatch, toTransaction, type UsaepayBatch, type UsaepayTransaction } from "./mappers";
import { batchSchema, transactionSchema } from "./schemas";

/**
 * USAePay webhooks, pure (no I/O): check the signature, then parse the event
 * (docs/usaepay-api.md, "Webhooks"). For the receiver route:
 *
 *   const raw = await request.text();                 // the exact bytes: never re-serialise JSON
 *   const read = readWebhook({ rawBody: raw, signature: request.headers.get(WEBHOOK_SIGNATURE_HEADER), signatureKey });
 *   if (!read.ok) return 401 (bad_signature) or 400 (not_json / bad_shape) — say nothing more;
 *   idempotency: store read.event.eventId (unique) before applying; a replay finds it and stops;
 *   then apply read.event.transaction (kind "transaction") or read.event.batch (kind "batch").
 *
 * Deliveries are concurrent and unordered, and retried on any non-2xx answer, so answer 2xx once
 * the event is stored (or known), and let the mirror keep the newest state rather than the latest
 * event to arrive.
 */
export const WEBHOOK_SIGNATURE_HEADER = "x-signature";

/** Hex HMAC-SHA256 of the raw body with the signature key, as USAePay puts in `X-Signature`. */
export function computeWebhookSignature(rawBody: string | Uint8Array, signatureKey: string): string {
  return createHmac("sha256", signatureKey).update(rawBody).digest("hex");
}

/**
 * True only when `signature` is the body's HMAC under `signatureKey`. Compared in constant time;
 * hex case is ignored; a missing, malformed or short header is simply false.
 */
export function verifyWebhookSignature(rawBody: string | Uint8Array, signature: string | null | undefined, signatureKey: string): boolean {
  if (!signatureKey || !signature) return false;
  const given = signature.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const expected = Buffer.from(computeWebhookSignature(rawBody, signatureKey), "hex");
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

export const TRANSACTION_EVENT_TYPES = [
  "transaction.sale.success",
  "transaction.sale.failure",
  "transaction.sale.voided",
  "transaction.sale.captured",
  "transaction.sale.adjusted",
  "transaction.sale.queued",
  "transaction.sale.unvoided",
  "transaction.refund.success",
  "transaction.refund.voided",
] as const;

export const BATCH_EVENT_TYPES = ["settlement.batch.success", "settlement.batch.failure"] as const;

const changesSchema = z.looseObject({
  old: z.record(z.string(), z.unknown()).nullish(),
  new: z.record(z.string(), z.unknown()).nullish(),
});

/** The envelope every event shares; `object` is checked per kind below. */
export const webhookEnvelopeSchema = z.looseObject({
  type: z.literal("event"),
  event_triggered: z.string().nullish(),
  event_type: z.string().min(1),
  event_id: z.string().min(1),
  event_body: z.looseObject({
    merchant: z.looseObject({ merch_key: z.string().nullish() }).nullish(),
    object: z.unknown(),
    changes: changesSchema.nullish(),
  }),
});

interface WebhookEventBase {
  /** Unique per event: the idempotency key for the receiver. */
  eventId: string;
  eventType: string;
  /** Gateway-local "YYYY-MM-DD HH:MM:SS" as sent, and as UTC ISO. */
  triggeredLocal?: string;
  triggeredAt?: string;
  merchantKey?: string;
  changes?: { old: Record<string, unknown>; new: Record<string, unknown> };
}

export type UsaepayWebhookEvent =
  | (WebhookEventBase & { kind: "transaction"; transaction: UsaepayTransaction })
  | (WebhookEventBase & { kind: "batch"; batch: UsaepayBatch })
  /** Events the dashboard does not act on (ACH, card updater, inventory): acknowledge and ignore. */
  | (WebhookEventBase & { kind: "other"; object: unknown });

export type WebhookParseResult = { ok: true; event: UsaepayWebhookEvent } | { ok: false; reason: "not_json" | "bad_shape" };
export type WebhookReadResult = WebhookParseResult | { ok: false; reason: "bad_signature" };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Parses an event body (already verified). Never throws; gives no detail on why a body was refused. */
export function parseWebhookEvent(rawBody: string): WebhookParseResult {
  const json = parseJson(rawBody);
  if (!json.ok) return { ok: false, reason: "not_json" };
  const envelope = webhookEnvelopeSchema.safeParse(json.value);
  if (!envelope.success) return { ok: false, reason: "bad_shape" };
  const { event_id, event_type, event_triggered, event_body } = envelope.data;
  const base: WebhookEventBase = {
    eventId: event_id,
    eventType: event_type,
    triggeredLocal: event_triggered ?? undefined,
    triggeredAt: gatewayLocalToIso(event_triggered),
    merchantKey: event_body.merchant?.merch_key ?? undefined,
    changes: event_body.changes ? { old: event_body.changes.old ?? {}, new: event_body.changes.new ?? {} } : undefined,
  };
  if (event_type.startsWith("transaction.")) {
    // Event objects are a subset of the REST transaction and may lack result_code: read what is there.
    const parsed = transactionSchema.safeParse({ result_code: "", ...(event_body.object as object) });
    if (!parsed.success || !parsed.data.key) return { ok: false, reason: "bad_shape" };
    return { ok: true, event: { ...base, kind: "transaction", transaction: toTransaction(parsed.data) } };
  }
  if (event_type.startsWith("settlement.batch.")) {
    const parsed = batchSchema.safeParse(event_body.object);
    if (!parsed.success) return { ok: false, reason: "bad_shape" };
    return { ok: true, event: { ...base, kind: "batch", batch: toBatch(parsed.data) } };
  }
  return { ok: true, event: { ...base, kind: "other", object: event_body.object } };
}

/** Signature first (over the raw bytes), then the body: an unsigned or forged body is never parsed. */
export function readWebhook(input: { rawBody: string; signature: string | null | undefined; signatureKey: string }): WebhookReadResult {
  if (!verifyWebhookSignature(input.rawBody, input.signature, input.signatureKey)) return { ok: false, reason: "bad_signature" };
  return parseWebhookEvent(input.rawBody);
}
