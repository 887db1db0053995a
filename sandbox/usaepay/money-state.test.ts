import { describe, expect, it } from "vitest";
import { testEmulator, type Wire } from "./test-helpers";

/**
 * How refunds, voids, captures, adjustments and batch closes change the emulated state
 * (docs/usaepay-api.md, "Transaction commands", "Linked refunds" and "Batches").
 */
const VISA = { number: "4000100011112224", expiration: "0930", cvc: "123" };
const EMPTY = { key: "PDemptyMoneyState000000000000001", pin: "4242" };

async function merchantWithoutHistory() {
  const t = testEmulator();
  await t.control("POST", "keys", { apiKey: EMPTY.key, pin: EMPTY.pin });
  const call = (method: string, path: string, body?: unknown) => t.api(method, `/api/v2${path}`, { key: EMPTY.key, pin: EMPTY.pin, body });
  const run = async (body: Record<string, unknown>) => (await call("POST", "/transactions", body)).json;
  const get = async (key: string) => (await call("GET", `/transactions/${key}`)).json;
  const sale = (amount: string) => run({ command: "cc:sale", amount, creditcard: VISA });
  return { ...t, call, run, get, sale };
}

const sum = (refunds: Wire[]) => refunds.filter((r) => r.status_code !== "V").reduce((total, r) => total + Math.round(Number(r.amount) * 100), 0);

describe("batch totals and close", () => {
  it("totals sales − refunds with voids apart, and a close settles what it holds", async () => {
    const { call, run, get, sale } = await merchantWithoutHistory();
    const a = await sale("10.00");
    const b = await sale("20.00");
    const c = await sale("30.00");
    expect((await run({ command: "void", trankey: c.key })).result_code).toBe("A");
    expect((await run({ command: "refund", trankey: b.key, amount: "5.00" })).result_code).toBe("A");
    const auth = await run({ command: "cc:authonly", amount: "40.00", creditcard: VISA });
    expect((await run({ command: "cc:capture", trankey: auth.key, amount: "35.00" })).key).toBe(auth.key);

    const current = (await call("GET", "/batches/current")).json;
    expect(current).toMatchObject({
      status: "open", sales_count: 3, sales_amount: 65, refunds_count: 1, refunds_amount: 5, voids_count: 1, voids_amount: 30, total_count: 5, total_amount: 60,
    });
    const listed = (await call("GET", "/batches?limit=1")).json.data[0];
    expect(listed).toMatchObject({ key: current.key, sales_count: "3", sales: "65.00", credits_count: "1", credits: "5.00", closed: null });
    const inBatch = (await call("GET", `/batches/${current.key}/transactions?limit=100`)).json;
    expect(inBatch.total).toBe("5");

    expect((await call("POST", "/batches/current/close")).json).toMatchObject({ key: current.key, status: "closing" });
    const closed = (await call("GET", `/batches/${current.key}`)).json;
    expect(closed).toMatchObject({ status: "closed", total_amount: 60, sales_amount: 65 });
    expect(closed.closed).toMatch(/^\d{4}-\d{2}-\d{2} /);
    expect(await get(a.key)).toMatchObject({ status_code: "S", status: "Settled", available_actions: ["quicksale", "quickrefund"] });
    expect((await get(c.key)).status_code).toBe("V");
    expect((await run({ command: "void", trankey: a.key })).error_code).toBe(26);

    // A refund after settlement lands in a new open batch and shows on the settled original.
    const refund = await run({ command: "refund", trankey: a.key });
    expect(refund.batch.key).not.toBe(current.key);
    const settled = await get(a.key);
    expect(settled.refunds.map((r: Wire) => r.key)).toEqual([refund.key]);
    expect(settled.available_actions).toEqual(["quicksale"]);
    expect((await call("GET", "/batches/current")).json).toMatchObject({ refunds_count: 1, refunds_amount: 10, total_amount: -10 });
  });
});

describe("connected refunds", () => {
  it("lists a sale's refunds on its GET and names the original on each refund", async () => {
    const { run, get, sale } = await merchantWithoutHistory();
    const original = await sale("30.00");
    const partial = await run({ command: "refund", trankey: original.key, amount: "10.00" });
    let shown = await get(original.key);
    expect(shown.refunds).toEqual([{ type: "transaction", key: partial.key, refnum: partial.refnum, created: expect.any(String), trantype_code: "C", status_code: "P", amount: "10.00" }]);
    expect(shown.available_actions).toContain("quickrefund");
    expect((await get(partial.key)).refund_of).toEqual({ type: "transaction", key: original.key, refnum: original.refnum });

    const rest = await run({ command: "refund", refnum: original.refnum });
    expect(rest.auth_amount).toBe("20.00");
    shown = await get(original.key);
    expect(shown.refunds.map((r: Wire) => r.key)).toEqual([rest.key, partial.key]);
    expect(sum(shown.refunds)).toBe(3000);
    expect(shown.available_actions).not.toContain("quickrefund");
    expect(shown.status_code).toBe("P");
    expect((await run({ command: "refund", trankey: original.key, amount: "0.01" })).error_code).toBe(10133);
  });

  it("a voided refund gives its amount back to the original, and cannot be unvoided past the original", async () => {
    const { run, get, sale } = await merchantWithoutHistory();
    const original = await sale("30.00");
    const first = await run({ command: "refund", trankey: original.key, amount: "10.00" });
    await run({ command: "refund", trankey: original.key });
    expect((await run({ command: "void", trankey: first.key })).result_code).toBe("A");
    const shown = await get(original.key);
    expect(shown.refunds.find((r: Wire) => r.key === first.key).status_code).toBe("V");
    expect(sum(shown.refunds)).toBe(2000);
    expect(shown.available_actions).toContain("quickrefund");
    expect((await run({ command: "refund", trankey: original.key, amount: "10.00" })).result_code).toBe("A");
    expect((await run({ command: "unvoid", trankey: first.key })).error_code).toBe(10133);
  });

  it("generated history links refunds both ways and never refunds more than the original", async () => {
    const { api } = testEmulator();
    const rows: Wire[] = [];
    for (let offset = 0; offset < 3000; offset += 1000) rows.push(...(await api("GET", `/api/v2/transactions?limit=1000&offset=${offset}`)).json.data);
    const refunds = rows.filter((t) => t.refund_of);
    expect(refunds.length).toBeGreaterThan(60);
    for (const refund of refunds.slice(0, 40)) {
      const original = (await api("GET", `/api/v2/transactions/${refund.refund_of.key}`)).json;
      expect(original.refunds.map((r: Wire) => r.key)).toContain(refund.key);
    }
    for (const tx of rows.filter((t) => t.refunds)) {
      const refunded = sum(tx.refunds);
      expect(refunded).toBeLessThanOrEqual(Math.round(Number(tx.amount) * 100));
      expect(tx.available_actions.includes("quickrefund")).toBe(refunded < Math.round(Number(tx.amount) * 100));
    }
  });
});

describe("voids", () => {
  it("void keeps the key and offers unvoid; cc:void:release releases the funds for good", async () => {
    const { run, get, sale } = await merchantWithoutHistory();
    const voided = await sale("12.00");
    expect((await run({ command: "void", trankey: voided.key })).key).toBe(voided.key);
    expect(await get(voided.key)).toMatchObject({ trantype_code: "V", status_code: "V", status: "Voided", available_actions: ["unvoid"] });
    expect((await get(voided.key)).refunds).toBeUndefined();

    const released = await sale("13.00");
    expect((await run({ command: "cc:void:release", trankey: released.key })).result_code).toBe("A");
    expect(await get(released.key)).toMatchObject({ status_code: "R", status: "Voided (Funds Released)", available_actions: [] });
    expect((await run({ command: "unvoid", trankey: released.key })).error_code).toBe(118);
    expect((await run({ command: "refund", trankey: released.key })).error_code).toBe(10134);
  });
});

describe("captures", () => {
  it("captures an auth-only for its amount or less, into the open batch, once", async () => {
    const { run, get } = await merchantWithoutHistory();
    const auth = await run({ command: "cc:authonly", amount: "50.00", creditcard: VISA });
    expect(await get(auth.key)).toMatchObject({ trantype_code: "A", status_code: "N", status: "Queued", available_actions: ["capture", "void", "void:release"] });
    expect((await get(auth.key)).batch).toBeUndefined();
    expect((await run({ command: "cc:capture", trankey: auth.key, amount: "60.00" })).error_code).toBe(10133);
    expect((await run({ command: "refund", trankey: auth.key })).error_code).toBe(10134);
    const captured = await run({ command: "cc:capture", trankey: auth.key, amount: "45.00" });
    expect(captured).toMatchObject({ key: auth.key, result_code: "A" });
    const after = await get(auth.key);
    expect(after).toMatchObject({ trantype_code: "S", status_code: "P", status: "Authorized (Pending Settlement)", amount: "45.00", auth_amount: "50.00" });
    expect(after.batch.key).toBeTruthy();
    expect(after.available_actions).toEqual(["void", "void:release", "quicksale", "quickrefund"]);
    expect((await run({ command: "cc:capture", trankey: auth.key })).error_code).toBe(10124);
  });
});

describe("adjustments", () => {
  it("cc:adjust changes an unsettled sale's amount, never below what was refunded", async () => {
    const { call, run, get, sale } = await merchantWithoutHistory();
    const original = await sale("20.00");
    expect((await run({ command: "cc:adjust", trankey: original.key, amount: "25.00" })).auth_amount).toBe("25.00");
    expect((await get(original.key)).amount).toBe("25.00");
    const refund = await run({ command: "refund", trankey: original.key, amount: "10.00" });
    expect((await run({ command: "cc:adjust", trankey: original.key, amount: "5.00" })).error_code).toBe(10133);
    expect((await run({ command: "cc:adjust", trankey: refund.key, amount: "5.00" })).error_code).toBe(10124);
    expect((await run({ command: "cc:adjust", trankey: original.key, amount: "15.00" })).result_code).toBe("A");
    expect((await run({ command: "refund", trankey: original.key })).auth_amount).toBe("5.00");
    expect((await call("GET", "/batches/current")).json).toMatchObject({ sales_amount: 15, refunds_amount: 15, total_amount: 0 });
    await call("POST", "/batches/current/close");
    expect((await run({ command: "cc:adjust", trankey: original.key, amount: "16.00" })).error_code).toBe(103);
  });
});
