import { describe, expect, it } from "vitest";
import { OPERATING_KEY, testEmulator, type Wire } from "./test-helpers";

describe("batches (docs/usaepay-api.md, Batches)", () => {
  it("lists batches newest first with one open batch followed by closed ones", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/batches?limit=3");
    expect(res.json).toMatchObject({ type: "list", limit: 3, offset: 0, total: "729" });
    const [open, closed] = res.json.data;
    expect(open.closed).toBeNull();
    expect(closed.closed).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(open).toMatchObject({ type: "batch", locked: false });
    expect(typeof open.sales_count).toBe("string");
    expect(Number(open.sequence)).toBeGreaterThan(Number(closed.sequence));
  });

  it("shows the current batch with numeric totals (sales − refunds)", async () => {
    const { api } = testEmulator();
    const current = await api("GET", "/api/v2/batches/current");
    expect(current.json).toMatchObject({ type: "batch", status: "open" });
    expect(current.json.scheduled).toBeTruthy();
    const { sales_amount = 0, refunds_amount = 0, total_amount } = current.json;
    expect(typeof total_amount).toBe("number");
    expect(total_amount).toBeCloseTo(sales_amount - refunds_amount, 2);
    const byKey = await api("GET", `/api/v2/batches/${current.json.key}`);
    expect(byKey.json.key).toBe(current.json.key);
  });

  it("answers an unknown batch key with 404 and errorcode 47", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/batches/zzzzzzzzzzzzzzz");
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: "Invalid record locator key", errorcode: 47 });
  });

  it("lists a batch's transactions, all carrying that batch", async () => {
    const { api } = testEmulator();
    const closed = (await api("GET", "/api/v2/batches?limit=2")).json.data[1];
    const txs = await api("GET", `/api/v2/batches/${closed.key}/transactions?limit=1000`);
    expect(Number(txs.json.total)).toBeGreaterThan(50);
    for (const tx of txs.json.data) {
      expect(tx.batch.key).toBe(closed.key);
      expect(tx.status_code === "S" || tx.status_code === "V").toBe(true);
    }
    expect(Number(closed.sales_count)).toBe(txs.json.data.filter((t: Wire) => t.status_code === "S" && ["S", "K"].includes(t.trantype_code)).length);
  });

  it("filters by opened date (YYYYmmdd, inclusive ge)", async () => {
    const { api } = testEmulator();
    // Anchor 2026-01-15 00:00 UTC: daily batches open at 16:05 Los Angeles time on Jan 13, 12, 11, 10, 9 ...
    const res = await api("GET", "/api/v2/batches?openedge=20260110&limit=100");
    expect(res.json.data.map((b: Wire) => b.opened.slice(0, 10))).toEqual(["2026-01-13", "2026-01-12", "2026-01-11", "2026-01-10"]);
    const exclusive = await api("GET", "/api/v2/batches?openedgt=20260110&openedlt=20260113&limit=100");
    expect(exclusive.json.data.map((b: Wire) => b.opened.slice(0, 10))).toEqual(["2026-01-12", "2026-01-11"]);
  });

  it("closing settles the batch's transactions and the next sale opens a new batch", async () => {
    const { api } = testEmulator();
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "9.00", creditcard: { number: "4000100011112224", expiration: "0930" } } });
    expect((await api("GET", `/api/v2/transactions/${sale.json.key}`)).json.status_code).toBe("P");
    const close = await api("POST", "/api/v2/batches/current/close");
    expect(close.json).toMatchObject({ type: "batch", key: sale.json.batch.key, status: "closing" });
    const settled = await api("GET", `/api/v2/transactions/${sale.json.key}`);
    expect(settled.json).toMatchObject({ status_code: "S", status: "Settled" });
    expect((await api("GET", `/api/v2/batches/${sale.json.batch.key}`)).json.status).toBe("closed");
    expect((await api("GET", "/api/v2/batches/current")).status).toBe(404);
    const again = await api("POST", "/api/v2/batches/current/close");
    expect(again.status).toBe(404);
    const next = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "4.00", creditcard: { number: "4000100011112224", expiration: "0930" } } });
    expect(next.json.batch.key).not.toBe(sale.json.batch.key);
    const list = await api("GET", "/api/v2/batches?limit=1");
    expect(list.json.data[0].key).toBe(next.json.batch.key);
    expect(list.json.total).toBe("730");
  });

  it("settles the open batch from the control plane, as a scheduled close would", async () => {
    const { api, control } = testEmulator();
    const open = await api("GET", "/api/v2/batches/current");
    const closed = await control("POST", "batches/close", { apiKey: OPERATING_KEY });
    expect(closed.json).toEqual({ status: "success", batch: open.json.key });
    expect((await api("GET", `/api/v2/batches/${open.json.key}`)).json.status).toBe("closed");
    expect((await control("POST", "batches/close", { merchant: "operating" })).status).toBe(404);
  });
});
