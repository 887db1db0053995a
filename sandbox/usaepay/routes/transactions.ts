import { type Context, Hono } from "hono";
import { hold } from "../../shared/chaos";
import { runCommand } from "../commands";
import type { GateEnv } from "../gate";
import { apiError, listBody, listWindow, queryFlag, readBody } from "../http-helpers";
import { asObject } from "../request-fields";
import { transactionDetail, trantypeName } from "../serialize";
import type { EmulatorState } from "../state";
import { centsToAmount } from "../format";

/** /transactions endpoints (spec §7). */
export function transactionRoutes(state: EmulatorState, now: () => number): Hono<GateEnv> {
  const api = new Hono<GateEnv>();

  api.post("/transactions", async (c) => {
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value);
    if (!body) return apiError(c, 400, "Unable to parse request body as JSON", 21004);
    const key = c.get("apiKey");
    const result = await runCommand({
      store: c.get("merchant"),
      tokens: state.tokens,
      body,
      now: now(),
      clientIp: c.get("clientIp"),
      sourceName: "Paydesk API key",
      duplicateMode: key.duplicateMode,
      duplicateWindowMs: key.duplicateWindowMs,
      wait: (ms) => hold(ms, c.req.raw.signal),
    });
    return c.json(result, 200);
  });

  api.get("/transactions", (c) => {
    const window = listWindow(c);
    const store = c.get("merchant");
    const flags = { bin: queryFlag(c, "return_bin"), origin: queryFlag(c, "return_origin"), fraud: queryFlag(c, "return_fraud") };
    const page = store.listTransactions(window.offset, window.limit);
    return c.json(listBody(page.rows.map((tx) => transactionDetail(store, tx, flags)), page.total, window));
  });

  api.get("/transactions/:key", (c) => {
    const store = c.get("merchant");
    const tx = store.findTransaction(c.req.param("key"));
    if (!tx) return apiError(c, 404, "Specified transactions was not found.", 20001);
    const flags = { bin: queryFlag(c, "return_bin"), origin: queryFlag(c, "return_origin"), fraud: queryFlag(c, "return_fraud") };
    return c.json(transactionDetail(store, tx, flags));
  });

  api.post("/transactions/:key/send", async (c) => {
    const store = c.get("merchant");
    if (!store.findTransaction(c.req.param("key"))) return apiError(c, 404, "Specified transactions was not found.", 20001);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    return c.json({ status: "success" });
  });

  const receipt = (c: Context<GateEnv>) => {
    const store = c.get("merchant");
    const tx = store.findTransaction(c.req.param("key") ?? "");
    if (!tx) return apiError(c, 404, "Specified transactions was not found.", 20001);
    const receiptId = c.req.param("receiptid") ?? "vterm";
    if (!/^(vterm|[A-Za-z0-9_-]+)$/.test(receiptId)) return apiError(c, 404, "Requested receipt not found", 20030);
    const html = `<html><body><h1>Receipt</h1><p>${trantypeName(tx.trantypeCode)} ${tx.refnum}</p><p>Amount: $${centsToAmount(tx.amount)}</p><p>${tx.tender?.kind === "card" ? tx.tender.masked : ""}</p></body></html>`;
    return c.json(Buffer.from(html).toString("base64"));
  };
  api.get("/transactions/:key/receipts", receipt);
  api.get("/transactions/:key/receipts/:receiptid", receipt);

  return api;
}
