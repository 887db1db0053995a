import { Hono } from "hono";
import { controlBody } from "./http-helpers";
import { TRANSACTION_EVENT_TYPES, BATCH_EVENT_TYPES } from "./events";
import { str, truthy } from "./request-fields";
import type { EmulatorState } from "./state";
import { DEFAULT_WEBHOOK_TIMEOUT_MS, type WebhookConfig } from "./webhooks";

/**
 * Control plane for webhooks and emailed receipts, addressed by any API key of the merchant:
 * PUT/GET/DELETE webhooks/:apiKey, GET/DELETE webhooks/:apiKey/deliveries, GET sent-receipts/:apiKey.
 */
const EVENT_TYPES: readonly string[] = [...TRANSACTION_EVENT_TYPES, ...BATCH_EVENT_TYPES];

function publicConfig(merchant: string, config: WebhookConfig) {
  return {
    merchant,
    url: config.url,
    enabled: config.enabled,
    events: config.events ?? null,
    retryScale: config.retryScale,
    timeoutMs: config.timeoutMs,
    signed: config.signatureKey !== undefined,
  };
}

export function webhookControlRoutes(state: EmulatorState): Hono {
  const control = new Hono();
  const merchantOf = (apiKey: string) => state.keys.get(apiKey)?.merchantId;

  // {url, signatureKey?, enabled? (default true), events?: string[] | null, retryScale?, timeoutMs?}; fields left out keep their value.
  control.put("/webhooks/:apiKey", async (c) => {
    const merchant = merchantOf(c.req.param("apiKey"));
    if (!merchant) return c.json({ error: "No such key" }, 404);
    const input = await controlBody(c);
    if (!input) return c.json({ error: "Body must be JSON" }, 400);
    const current = state.webhooks.configFor(merchant);
    const url = str(input.url) ?? current?.url;
    if (!url || !/^https?:\/\//.test(url)) return c.json({ error: "url (http or https) is required" }, 400);
    const events = input.events === null ? undefined : Array.isArray(input.events) ? input.events.map(String) : current?.events;
    const unknown = events?.filter((name) => !EVENT_TYPES.includes(name)) ?? [];
    if (unknown.length) return c.json({ error: `unknown event types: ${unknown.join(", ")}; known: ${EVENT_TYPES.join(", ")}` }, 400);
    const retryScale = input.retryScale === undefined ? (current?.retryScale ?? state.webhooks.defaultRetryScale) : Number(input.retryScale);
    const timeoutMs = input.timeoutMs === undefined ? (current?.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS) : Number(input.timeoutMs);
    if (!Number.isFinite(retryScale) || retryScale < 0 || !Number.isFinite(timeoutMs) || timeoutMs <= 0) return c.json({ error: "retryScale must be ≥ 0 and timeoutMs > 0" }, 400);
    const signatureKey = input.signatureKey === null ? undefined : (str(input.signatureKey) ?? current?.signatureKey);
    const enabled = input.enabled === undefined ? (current?.enabled ?? true) : truthy(input.enabled);
    const config = state.webhooks.configure(merchant, { url, signatureKey, enabled, events, retryScale, timeoutMs });
    return c.json(publicConfig(merchant, config));
  });

  control.get("/webhooks/:apiKey", (c) => {
    const merchant = merchantOf(c.req.param("apiKey"));
    const config = merchant ? state.webhooks.configFor(merchant) : undefined;
    return merchant && config ? c.json(publicConfig(merchant, config)) : c.json({ error: "No webhook configured for this key's merchant" }, 404);
  });

  control.delete("/webhooks/:apiKey", (c) => {
    const merchant = merchantOf(c.req.param("apiKey"));
    return merchant && state.webhooks.remove(merchant) ? c.json({ status: "success" }) : c.json({ error: "No webhook configured for this key's merchant" }, 404);
  });

  // Every delivery, oldest first: event id and type, body, signature sent, state and attempts.
  control.get("/webhooks/:apiKey/deliveries", (c) => {
    const merchant = merchantOf(c.req.param("apiKey"));
    if (!merchant) return c.json({ error: "No such key" }, 404);
    return c.json({ data: state.webhooks.deliveriesFor(merchant) });
  });

  control.delete("/webhooks/:apiKey/deliveries", (c) => {
    const merchant = merchantOf(c.req.param("apiKey"));
    if (!merchant) return c.json({ error: "No such key" }, 404);
    state.webhooks.clearDeliveries(merchant);
    return c.json({ status: "success" });
  });

  // Receipts "emailed" through POST /transactions/{key}/send, oldest first.
  control.get("/sent-receipts/:apiKey", (c) => {
    const store = state.merchantForKey(c.req.param("apiKey"));
    return store ? c.json({ data: store.sentReceipts }) : c.json({ error: "No such key" }, 404);
  });

  return control;
}
