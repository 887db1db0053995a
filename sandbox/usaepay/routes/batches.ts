import { Hono } from "hono";
import type { GateEnv } from "../gate";
import { apiError, listBody, listWindow, queryFlag } from "../http-helpers";
import { formatGatewayDateTime, parseCompactDate } from "../format";
import type { BatchRecord } from "../model";
import { batchDetail, batchListItem, transactionDetail } from "../serialize";
import type { MerchantStore } from "../store";

/** /batches endpoints (docs/usaepay-api.md, "Batches"). */
const DAY_MS = 86_400_000;

function dateFilter(query: (name: string) => string | undefined): (batch: BatchRecord) => boolean {
  const checks: ((batch: BatchRecord) => boolean)[] = [];
  for (const field of ["opened", "closed"] as const) {
    for (const op of ["lt", "gt", "le", "ge"] as const) {
      const raw = query(`${field}${op}`);
      if (raw === undefined) continue;
      const dayStart = parseCompactDate(raw);
      if (dayStart === undefined) continue;
      checks.push((batch) => {
        const value = batch[field];
        if (value === undefined) return false;
        if (op === "lt") return value < dayStart;
        if (op === "ge") return value >= dayStart;
        if (op === "gt") return value >= dayStart + DAY_MS;
        return value < dayStart + DAY_MS;
      });
    }
  }
  return (batch) => checks.every((check) => check(batch));
}

function resolveBatch(store: MerchantStore, key: string): BatchRecord | undefined {
  return key === "current" ? store.currentOpenBatch() : store.findBatch(key);
}

export function batchRoutes(now: () => number): Hono<GateEnv> {
  const api = new Hono<GateEnv>();

  api.get("/batches", (c) => {
    const store = c.get("merchant");
    const window = listWindow(c);
    const matching = store.listBatches().filter(dateFilter((name) => c.req.query(name)));
    const data = matching.slice(window.offset, window.offset + window.limit).map((batch) => batchListItem(store, batch));
    return c.json(listBody(data, matching.length, window));
  });

  api.post("/batches/current/close", (c) => {
    const store = c.get("merchant");
    const current = store.currentOpenBatch();
    if (!current || current.closed !== undefined) return apiError(c, 404, "Unable to find requested batch.", 40027);
    const closed = store.closeCurrentBatch(now()) as BatchRecord;
    // The live service answers "closing"; here the close completes right after the response (docs/usaepay-api.md, "Interpretations").
    return c.json({ type: "batch", key: closed.key, batchrefnum: String(closed.batchrefnum), sequence: String(closed.sequence), opened: formatGatewayDateTime(closed.opened), status: "closing" });
  });

  api.get("/batches/:key", (c) => {
    const store = c.get("merchant");
    const key = c.req.param("key");
    const batch = resolveBatch(store, key);
    if (!batch) return key === "current" ? apiError(c, 404, "Unable to find requested batch.", 40027) : apiError(c, 404, "Invalid record locator key", 47);
    return c.json(batchDetail(store, batch));
  });

  api.get("/batches/:key/transactions", (c) => {
    const store = c.get("merchant");
    const key = c.req.param("key");
    const window = listWindow(c);
    const batch = resolveBatch(store, key);
    if (!batch) {
      if (key === "current") return c.json(listBody([], 0, window));
      return apiError(c, 404, "Invalid record locator key", 47);
    }
    const page = store.batchTransactions(batch.index, window.offset, window.limit);
    const flags = { bin: queryFlag(c, "return_bin") };
    return c.json(listBody(page.rows.map((tx) => transactionDetail(store, tx, flags)), page.total, window));
  });

  return api;
}
