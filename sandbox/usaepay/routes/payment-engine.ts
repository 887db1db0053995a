import { type Context, Hono } from "hono";
import { runCommand } from "../commands";
import { formatGatewayDateTime } from "../format";
import type { GateEnv } from "../gate";
import { apiError, listBody, listWindow, readBody } from "../http-helpers";
import { asObject, str } from "../request-fields";
import { transactionDetail } from "../serialize";
import type { EmulatorState } from "../state";

/**
 * Payment Engine (docs/usaepay-api.md, "Payment Engine"), enough for clients that pair a terminal and poll a pay request: a device
 * is "connected" once created; a pay request reports "processing payment" on its first poll and
 * "transaction complete" (an approved card-present sale) on the next.
 */
/** An unknown pay request has its own code (21104), not the unknown-device one (21121). */
const requestNotFound = (c: Context<GateEnv>) => apiError(c, 404, "Checkout request not found", 21104);

export function paymentEngineRoutes(state: EmulatorState, now: () => number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>): Hono<GateEnv> {
  const api = new Hono<GateEnv>();

  api.post("/paymentengine/devices", async (c) => {
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value) ?? {};
    const store = c.get("merchant");
    const key = store.nextEngineKey("sa_");
    const device = {
      type: "device",
      key,
      apikeyid: c.get("apiKey").apiKey.slice(-6),
      terminal_type: str(body.terminal_type) ?? "standalone",
      status: "waiting for device pairing",
      name: str(body.name) ?? "Terminal",
      settings: asObject(body.settings) ?? { timeout: 30, enable_standalone: false, share_device: false },
      terminal_config: asObject(body.terminal_config) ?? { enable_emv: true, enable_debit_msr: true, enable_tip_adjust: false, enable_contactless: true },
      pairing_code: 100_000 + (store.devices.size * 7919) % 900_000,
      expiration: formatGatewayDateTime(now() + 3_600_000),
    };
    store.devices.set(key, device);
    return c.json(device);
  });

  api.get("/paymentengine/devices", (c) => {
    const window = listWindow(c);
    const devices = [...c.get("merchant").devices.values()];
    return c.json(listBody(devices.slice(window.offset, window.offset + window.limit), devices.length, window));
  });

  api.get("/paymentengine/devices/:devicekey", (c) => {
    const device = c.get("merchant").devices.get(c.req.param("devicekey"));
    return device ? c.json(device) : apiError(c, 404, `Unknown devicekey ${c.req.param("devicekey")}`, 21121);
  });

  api.put("/paymentengine/devices/:devicekey", async (c) => {
    const device = c.get("merchant").devices.get(c.req.param("devicekey"));
    if (!device) return apiError(c, 404, `Unknown devicekey ${c.req.param("devicekey")}`, 21121);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value) ?? {};
    for (const field of ["name", "settings", "terminal_config"]) if (body[field] !== undefined) device[field] = body[field];
    return c.json(device);
  });

  api.delete("/paymentengine/devices/:devicekey", (c) => {
    const removed = c.get("merchant").devices.delete(c.req.param("devicekey"));
    return removed ? c.json({ status: "success" }) : apiError(c, 404, `Unknown devicekey ${c.req.param("devicekey")}`, 21121);
  });

  api.post("/paymentengine/payrequests", async (c) => {
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value) ?? {};
    const store = c.get("merchant");
    const devicekey = str(body.devicekey) ?? "";
    if (!store.devices.has(devicekey)) return apiError(c, 400, `Unknown devicekey ${devicekey}`, 21121);
    const key = store.nextEngineKey("pr_");
    store.payRequests.set(key, { key, devicekey, body, created: now(), polls: 0, status: "sent to device" });
    return c.json({ type: "request", key, expiration: formatGatewayDateTime(now() + 180_000), status: "sent to device" });
  });

  api.get("/paymentengine/payrequests/:requestkey", async (c) => {
    const store = c.get("merchant");
    const request = store.payRequests.get(c.req.param("requestkey"));
    if (!request) return requestNotFound(c);
    request.polls += 1;
    if (request.status === "sent to device" && request.polls === 1) request.status = "processing payment";
    else if (request.status === "processing payment") {
      const command = str(request.body.command) ?? "cc:sale";
      const result = await runCommand({
        store, tokens: state.tokens, now: now(), clientIp: c.get("clientIp"), sourceName: "Payment Engine",
        duplicateMode: "none", duplicateWindowMs: 0, wait: (ms) => sleep(ms, c.req.raw.signal),
        body: { ...request.body, command: command === "sale" ? "cc:sale" : command, creditcard: { number: "4000100011112224", expiration: "1230", cardholder: "Card Present" } },
      });
      const tx = store.findTransaction(String(result.key ?? ""));
      if (tx) store.updateTransaction(tx.index, { tender: tx.tender?.kind === "card" ? { ...tx.tender, entryMode: "Contactless" } : tx.tender }, now());
      request.txIndex = tx?.index;
      request.status = result.result_code === "A" || result.result_code === "P" ? "transaction complete" : "transaction failed";
    }
    const tx = request.txIndex === undefined ? undefined : store.transactionAt(request.txIndex);
    return c.json({
      type: "request",
      key: request.key,
      expiration: formatGatewayDateTime(request.created + 180_000),
      status: request.status,
      ...(tx ? { transaction: transactionDetail(store, tx), complete: formatGatewayDateTime(now()) } : {}),
    });
  });

  api.delete("/paymentengine/payrequests/:requestkey", (c) => {
    const request = c.get("merchant").payRequests.get(c.req.param("requestkey"));
    if (!request) return requestNotFound(c);
    if (request.status !== "transaction complete") request.status = "canceled";
    return c.json({ status: "success" });
  });

  return api;
}
