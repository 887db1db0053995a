import { describe, expect, it } from "vitest";
import { testEmulator, type Wire } from "./test-helpers";

describe("customers (docs/usaepay-api.md, Customers and payment methods)", () => {
  it("lists at least 2,500 customers newest first without payment methods", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/customers?limit=2");
    expect(Number(res.json.total)).toBeGreaterThanOrEqual(2500);
    expect(res.json.data[0]).toMatchObject({ type: "customer" });
    expect(res.json.data[0].key).toMatch(/^[0-9a-z]{16}$/);
    expect(res.json.data[0].payment_methods).toBeUndefined();
  });

  it("gets a customer with masked payment methods and schedules", async () => {
    const { api } = testEmulator();
    const key = (await api("GET", "/api/v2/customers?limit=1")).json.data[0].key;
    const res = await api("GET", `/api/v2/customers/${key}`);
    expect(Array.isArray(res.json.payment_methods)).toBe(true);
    expect(Array.isArray(res.json.billing_schedules)).toBe(true);
    const method = res.json.payment_methods[0];
    expect(method.type).toBe("customerpaymentmethod");
    expect(method.ccnum4last ?? method.account_number).toMatch(/^\d{4}$/);
    expect(JSON.stringify(res.json)).not.toMatch(/\d{13,16}/);
  });

  it("creates, updates (partial), and deletes a customer", async () => {
    const { api } = testEmulator();
    const created = await api("POST", "/api/v2/customers", { body: { firstname: "Ada", lastname: "Lovelace", email: "ada@example.com", city: "London" } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ type: "customer", first_name: "Ada", last_name: "Lovelace", payment_methods: null, billing_schedules: null });
    const key = created.json.key;
    expect((await api("GET", "/api/v2/customers?limit=1")).json.data[0].key).toBe(key);
    const updated = await api("PUT", `/api/v2/customers/${key}`, { body: { city: "Paris", notes: "" } });
    expect(updated.json).toMatchObject({ city: "Paris", email: "ada@example.com", notes: "" });
    expect((await api("DELETE", `/api/v2/customers/${key}`)).json).toEqual({ status: "success" });
    const gone = await api("GET", `/api/v2/customers/${key}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ error: "Customer Not Found", errorcode: 40030 });
    const deleteAgain = await api("DELETE", `/api/v2/customers/${key}`);
    expect(deleteAgain.json).toEqual({ error: "Customer Not Found", errorcode: 99999 });
  });

  it("requires a company or a first and last name", async () => {
    const { api } = testEmulator();
    const res = await api("POST", "/api/v2/customers", { body: { email: "x@example.com" } });
    expect(res.status).toBe(400);
    expect(res.json.errorcode).toBe(37);
  });

  it("keeps list paging consistent after deleting a generated customer", async () => {
    const { api } = testEmulator();
    const before = (await api("GET", "/api/v2/customers?limit=5")).json;
    await api("DELETE", `/api/v2/customers/${before.data[1].key}`);
    const after = (await api("GET", "/api/v2/customers?limit=4")).json;
    expect(Number(after.total)).toBe(Number(before.total) - 1);
    expect(after.data.map((c: Wire) => c.key)).toEqual([before.data[0].key, ...before.data.slice(2).map((c: Wire) => c.key)]);
  });

  it("adds payment methods as an array or a single object and answers in kind", async () => {
    const { api } = testEmulator();
    const key = (await api("POST", "/api/v2/customers", { body: { company: "Acme" } })).json.key;
    const array = await api("POST", `/api/v2/customers/${key}/payment_methods`, { body: [{ pay_type: "cc", number: "4000100011112224", expiration: "0930", cardholder: "Acme" }] });
    expect(Array.isArray(array.json)).toBe(true);
    // Live answers hold only the last four digits in ccnum4last, not the masked number.
    expect(array.json[0]).toMatchObject({ type: "customerpaymentmethod", ccnum4last: "2224", card_type: "Visa", sortord: "0" });
    const single = await api("POST", `/api/v2/customers/${key}/payment_methods`, { body: { pay_type: "check", routing: "123456789", account: "324523524" } });
    expect(single.json).toMatchObject({ pay_type: "check", account_number: "3524", routing_number: "6789" });
    const list = await api("GET", `/api/v2/customers/${key}/payment_methods`);
    expect(list.json.total).toBe("2");
    const badExpiry = await api("POST", `/api/v2/customers/${key}/payment_methods`, { body: { number: "4000100011112224", expiration: "0120" } });
    expect(badExpiry.json.errorcode).toBe(40452);
    expect((await api("DELETE", `/api/v2/customers/${key}/payment_methods/${single.json.key}`)).json).toEqual({ status: "success" });
    const charged = await api("POST", "/api/v2/transactions", { body: { command: "customer:sale", custkey: key, amount: "11.00" } });
    expect(charged.json).toMatchObject({ result_code: "A", creditcard: { number: "4000xxxxxxxx2224" } });
    const history = await api("GET", `/api/v2/customers/${key}/transactions`);
    expect(history.json.data[0].key).toBe(charged.json.key);
  });

  it("creates, updates and deletes billing schedules", async () => {
    const { api } = testEmulator();
    const key = (await api("POST", "/api/v2/customers", { body: { company: "Acme" } })).json.key;
    await api("POST", `/api/v2/customers/${key}/payment_methods`, { body: { number: "4000100011112224", expiration: "0930" } });
    const created = await api("POST", `/api/v2/customers/${key}/billing_schedules`, { body: [{ amount: "25.00", frequency: "monthly", next_date: "2026-02-01", numleft: -1 }] });
    expect(created.json[0]).toMatchObject({ type: "billingschedule", amount: "25.00", enabled: "1", numleft: "-1" });
    const updated = await api("PUT", `/api/v2/customers/${key}/billing_schedules/${created.json[0].key}`, { body: { amount: "30.00" } });
    expect(updated.json.amount).toBe("30.00");
    expect((await api("DELETE", `/api/v2/customers/${key}/billing_schedules/${created.json[0].key}`)).json).toEqual({ status: "success" });
    expect((await api("GET", `/api/v2/customers/${key}/billing_schedules`)).json.total).toBe("0");
  });

  it("lists a generated customer's transactions, all pointing back at the customer", async () => {
    const { api } = testEmulator();
    const key = (await api("GET", "/api/v2/customers?limit=1&offset=10")).json.data[0].key;
    const res = await api("GET", `/api/v2/customers/${key}/transactions?limit=100`);
    expect(Number(res.json.total)).toBeGreaterThan(10);
    for (const tx of res.json.data) expect(tx.cust_key).toBe(key);
  });

  it("disables, enables and bulk-deletes customers", async () => {
    const { api } = testEmulator();
    const a = (await api("POST", "/api/v2/customers", { body: { company: "A" } })).json.key;
    const b = (await api("POST", "/api/v2/customers", { body: { company: "B" } })).json.key;
    expect((await api("POST", "/api/v2/customers/disable", { body: { key: a } })).json).toEqual({ status: "success" });
    expect((await api("POST", "/api/v2/customers/enable", { body: { key: a } })).json).toEqual({ status: "success" });
    expect((await api("DELETE", "/api/v2/customers/bulk", { body: { keys: [a, b] } })).json).toEqual({ status: "success" });
    expect((await api("GET", `/api/v2/customers/${a}`)).status).toBe(404);
    expect((await api("GET", `/api/v2/customers/${b}`)).status).toBe(404);
  });
});
