import { Hono } from "hono";
import type { FaultKind } from "../shared/chaos";
import { DEMO_MERCHANTS } from "./config";
import { webhookControlRoutes } from "./control-webhooks";
import { controlBody } from "./http-helpers";
import { str } from "./request-fields";
import { type ApiKeyEntry, COUNTER_NAMES, type EmulatorState, type KeyCounters } from "./state";

/**
 * Control plane under /__sandbox/usaepay/ (never under /api/). JSON in, JSON out; errors are
 * `{"error": "..."}` with 400/404. See README.md for the full list with examples.
 */
const FAULT_KINDS: readonly FaultKind[] = ["http500", "http503", "timeout", "timeout_after_processing", "malformed"];

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  if (value === undefined || value === null || value === "") return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

function ipList(value: unknown): string[] | undefined | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}

function publicKey(entry: ApiKeyEntry) {
  return {
    apiKey: entry.apiKey,
    merchant: entry.merchantId,
    duplicateMode: entry.duplicateMode,
    duplicateWindowMinutes: entry.duplicateWindowMs / 60_000,
    limits: entry.limits ?? null,
    ipAllowList: entry.ipAllowList ?? null,
  };
}

function emptyCounters(): KeyCounters {
  return { calls: 0, rateLimited: 0, ipBlocked: 0, authFailures: 0, faultsInjected: 0, routes: {} };
}

export function controlRoutes(state: EmulatorState, now: () => number): Hono {
  const control = new Hono();
  const body = controlBody;

  control.get("/", (c) => c.json({
    endpoints: [
      "GET credentials", "GET merchants", "GET keys", "POST keys", "DELETE keys/:apiKey", "PUT keys/:apiKey",
      "POST reset", "GET latency", "PUT latency", "DELETE latency", "GET faults", "POST faults", "DELETE faults",
      "DELETE faults/:id", "GET counters", "GET counters/:apiKey", "DELETE counters", "PUT endpoints/:endpointKey",
      "POST batches/close", "GET webhooks/:apiKey", "PUT webhooks/:apiKey", "DELETE webhooks/:apiKey",
      "GET webhooks/:apiKey/deliveries", "DELETE webhooks/:apiKey/deliveries", "GET sent-receipts/:apiKey",
    ],
  }));

  control.get("/credentials", (c) => c.json({
    data: DEMO_MERCHANTS.map((m) => ({ merchant: m.id, name: m.name, apiKey: m.apiKey, pin: m.pin, customers: m.customerCount, transactions: m.transactionCount })),
    anchor: new Date(state.settings.anchorMs).toISOString(),
  }));

  control.get("/merchants", (c) => c.json({
    data: [...state.merchants.values()].map((store) => ({
      merchant: store.profile.id,
      name: store.profile.name,
      customers: store.customerTotal,
      transactions: store.transactionTotal,
      keys: [...state.keys.values()].filter((k) => k.merchantId === store.profile.id).map((k) => k.apiKey),
    })),
  }));

  control.get("/keys", (c) => c.json({ data: [...state.keys.values()].map(publicKey) }));

  // Adds a key for an existing merchant (by merchant id or by one of its API keys) or a new empty merchant.
  control.post("/keys", async (c) => {
    const input = await body(c);
    const apiKey = str(input?.apiKey);
    const pin = str(input?.pin);
    if (!input || !apiKey || !pin || apiKey.includes(":")) return c.json({ error: "apiKey and pin are required (no ':' in apiKey)" }, 400);
    const merchantRef = str(input.merchant);
    let merchantId = merchantRef && state.merchants.has(merchantRef) ? merchantRef : merchantRef ? state.keys.get(merchantRef)?.merchantId : undefined;
    if (!merchantId) merchantId = state.createEmptyMerchant(str(input.merchantName) ?? merchantRef).profile.id;
    const entry = state.addKey({ apiKey, pin, merchantId });
    return c.json(publicKey(entry), 201);
  });

  control.delete("/keys/:apiKey", (c) => {
    const removed = state.keys.delete(c.req.param("apiKey"));
    return removed ? c.json({ status: "success" }) : c.json({ error: "No such key" }, 404);
  });

  // Per-key settings: own rate limits (own bucket), IP allow-list, duplicate detection.
  control.put("/keys/:apiKey", async (c) => {
    const entry = state.keys.get(c.req.param("apiKey"));
    if (!entry) return c.json({ error: "No such key" }, 404);
    const input = await body(c);
    if (!input) return c.json({ error: "Body must be JSON" }, 400);
    if (input.perMinute !== undefined || input.perDay !== undefined) {
      entry.limits = {
        perMinute: numberOr(input.perMinute, entry.limits?.perMinute ?? state.settings.defaultLimits.perMinute) as number,
        perDay: numberOr(input.perDay, entry.limits?.perDay ?? state.settings.defaultLimits.perDay) as number,
      };
    }
    if (input.limits === null) entry.limits = undefined;
    const ips = ipList(input.ipAllowList);
    if (ips === null) entry.ipAllowList = undefined;
    else if (ips) entry.ipAllowList = ips;
    const mode = str(input.duplicateMode);
    if (mode === "none" || mode === "fold" || mode === "block") entry.duplicateMode = mode;
    const minutes = numberOr(input.duplicateWindowMinutes, undefined);
    if (minutes !== undefined) entry.duplicateWindowMs = minutes * 60_000;
    return c.json(publicKey(entry));
  });

  // Endpoint-key settings (v2, RATELIMT, IPACCESS, or any custom key): limits and IP allow-list.
  control.put("/endpoints/:endpointKey", async (c) => {
    const input = await body(c);
    if (!input) return c.json({ error: "Body must be JSON" }, 400);
    const key = c.req.param("endpointKey");
    const current = state.endpoints.get(key) ?? {};
    if (input.perMinute !== undefined || input.perDay !== undefined) {
      current.limits = {
        perMinute: numberOr(input.perMinute, current.limits?.perMinute ?? state.settings.defaultLimits.perMinute) as number,
        perDay: numberOr(input.perDay, current.limits?.perDay ?? state.settings.defaultLimits.perDay) as number,
      };
    }
    const ips = ipList(input.ipAllowList);
    if (ips === null) delete current.ipAllowList;
    else if (ips) current.ipAllowList = ips;
    state.endpoints.set(key, current);
    return c.json({ endpointKey: key, limits: current.limits ?? state.settings.defaultLimits, ipAllowList: current.ipAllowList ?? null });
  });

  // {} resets everything; {"apiKey"} or {"merchant"} restores one merchant's data only.
  control.post("/reset", async (c) => {
    const input = await body(c);
    if (!input) return c.json({ error: "Body must be JSON" }, 400);
    const apiKey = str(input.apiKey);
    const merchant = str(input.merchant) ?? (apiKey ? state.keys.get(apiKey)?.merchantId : undefined);
    if (apiKey || input.merchant !== undefined) {
      if (!merchant || !state.resetMerchant(merchant)) return c.json({ error: "No such merchant or key" }, 404);
      return c.json({ status: "success", reset: merchant });
    }
    state.resetAll();
    return c.json({ status: "success", reset: "all" });
  });

  // Settles a merchant's open batch without an API call (the real gateway auto-closes on a schedule).
  control.post("/batches/close", async (c) => {
    const input = await body(c);
    if (!input) return c.json({ error: "Body must be JSON" }, 400);
    const merchantId = str(input.merchant) ?? state.keys.get(str(input.apiKey) ?? "")?.merchantId;
    const store = merchantId ? state.merchants.get(merchantId) : undefined;
    if (!store) return c.json({ error: "No such merchant or key" }, 404);
    const closed = store.closeCurrentBatch(now());
    if (!closed) return c.json({ error: "No open batch" }, 404);
    return c.json({ status: "success", batch: closed.key });
  });

  control.get("/latency", (c) => c.json({ data: state.chaos.listLatency() }));
  control.put("/latency", async (c) => {
    const input = await body(c);
    if (!input) return c.json({ error: "Body must be JSON" }, 400);
    const rule = { fixedMs: numberOr(input.fixedMs, 0) as number, jitterMs: numberOr(input.jitterMs, 0) as number, path: str(input.path), method: str(input.method) };
    state.chaos.setLatency(rule);
    return c.json({ data: state.chaos.listLatency() });
  });
  control.delete("/latency", (c) => {
    state.chaos.clearLatency();
    return c.json({ status: "success" });
  });

  control.get("/faults", (c) => c.json({ data: state.chaos.listFaults() }));
  control.post("/faults", async (c) => {
    const input = await body(c);
    const kind = str(input?.kind) as FaultKind | undefined;
    if (!input || !kind || !FAULT_KINDS.includes(kind)) return c.json({ error: `kind must be one of ${FAULT_KINDS.join(", ")}` }, 400);
    const rate = numberOr(input.rate, 1) as number;
    if (rate > 1) return c.json({ error: "rate must be within 0..1" }, 400);
    const count = numberOr(input.count, undefined);
    const rule = state.chaos.addFault({ kind, rate, path: str(input.path), method: str(input.method), remaining: count, holdMs: numberOr(input.holdMs, undefined) });
    return c.json(rule, 201);
  });
  control.delete("/faults", (c) => {
    state.chaos.clearFaults();
    return c.json({ status: "success" });
  });
  control.delete("/faults/:id", (c) => (state.chaos.removeFault(c.req.param("id")) ? c.json({ status: "success" }) : c.json({ error: "No such fault" }, 404)));

  control.get("/counters", (c) => {
    const perKey = Object.fromEntries(state.counters);
    const totals = Object.fromEntries(COUNTER_NAMES.map((name) => [name, 0])) as Record<(typeof COUNTER_NAMES)[number], number>;
    for (const counters of state.counters.values()) {
      for (const name of COUNTER_NAMES) totals[name] += counters[name];
    }
    return c.json({ keys: perKey, totals });
  });
  // One key's counters, `routes` included ("POST /transactions": 1); zeros for a key never seen.
  control.get("/counters/:apiKey", (c) => c.json(state.counters.get(c.req.param("apiKey")) ?? emptyCounters()));
  control.delete("/counters", (c) => {
    state.counters.clear();
    return c.json({ status: "success" });
  });

  control.route("/", webhookControlRoutes(state));

  return control;
}
