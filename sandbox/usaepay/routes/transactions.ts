import { type Context, Hono } from "hono";
import { runCommand } from "../commands";
import type { GateEnv } from "../gate";
import { apiError, listBody, listWindow, queryFlag, readBody } from "../http-helpers";
import { isKnownReceiptTemplate, renderReceipt } from "../receipts";
import { asObject, str } from "../request-fields";
import { transactionDetail } from "../serialize";
import type { EmulatorState } from "../state";

/** /transactions endpoints (docs/usaepay-api.md, "Transactions" and "Receipts"). */
export function transactionRoutes(state: EmulatorState, now: () => number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>): Hono<GateEnv> {
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
      wait: (ms) => sleep(ms, c.req.raw.signal),
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

  // Emails a receipt. Only `toemail` names the recipient: a body without it answers success and sends
  // nothing, as the .NET client's authors found with `email`.
  api.post("/transactions/:key/send", async (c) => {
    const store = c.get("merchant");
    const tx = store.findTransaction(c.req.param("key"));
    if (!tx) return apiError(c, 404, "Specified transactions was not found.", 20001);
    const parsed = await readBody(c);
    if (!parsed.ok) return parsed.response;
    const body = asObject(parsed.value) ?? {};
    const template = str(body.template) ?? "vterm";
    if (!isKnownReceiptTemplate(template)) return apiError(c, 404, "Requested receipt not found", 20030);
    const toemail = str(body.toemail)?.trim();
    if (toemail) store.sentReceipts.push({ transactionKey: tx.key, toemail, fromemail: str(body.fromemail), template, at: now() });
    return c.json({ status: "success" });
  });

  const receipt = (c: Context<GateEnv>) => {
    const store = c.get("merchant");
    const tx = store.findTransaction(c.req.param("key") ?? "");
    if (!tx) return apiError(c, 404, "Specified transactions was not found.", 20001);
    const template = c.req.param("receiptid") ?? "vterm";
    if (!isKnownReceiptTemplate(template)) return apiError(c, 404, "Requested receipt not found", 20030);
    return c.json(Buffer.from(renderReceipt(store, tx), "utf8").toString("base64"));
  };
  api.get("/transactions/:key/receipts", receipt);
  api.get("/transactions/:key/receipts/:receiptid", receipt);

  return api;
}
