import { describe, expect, it } from "vitest";
import { OPERATING_KEY, testEmulator } from "./test-helpers";

/** Emulator answers checked against the public docs' examples (docs/usaepay-api.md). */
const card = { number: "4000100011112224", expiration: "0930", cvc: "123", cardholder: "John Doe" };

describe("emulator fidelity", () => {
  it("cc:save answers creditcard with the cardholder as well as the masked number", async () => {
    const { api } = testEmulator();
    const saved = await api("POST", "/api/v2/transactions", { body: { command: "cc:save", creditcard: card } });
    expect(saved.json.creditcard).toMatchObject({ number: "4000xxxxxxxx2224", cardholder: "John Doe" });
    expect(saved.json.savedcard).toMatchObject({ type: "Visa", cardnumber: "4000xxxxxxxx2224" });
  });

  it("customer payment methods carry only the last four digits in ccnum4last", async () => {
    const { api } = testEmulator();
    const customer = (await api("POST", "/api/v2/customers", { body: { company: "Four Digits Ltd" } })).json.key;
    await api("POST", `/api/v2/customers/${customer}/payment_methods`, { body: { pay_type: "cc", ...card } });
    const listed = await api("GET", `/api/v2/customers/${customer}/payment_methods`);
    expect(listed.json.data[0].ccnum4last).toBe("2224");
    const detail = await api("GET", `/api/v2/customers/${customer}`);
    expect(detail.json.payment_methods[0].ccnum4last).toBe("2224");
  });

  it("the rate-limit test endpoint limits the second call even for a key with a higher limit of its own", async () => {
    const { api, control } = testEmulator();
    await control("PUT", `keys/${OPERATING_KEY}`, { perMinute: 500 });
    expect((await api("GET", "/api/RATELIMT/_")).status).not.toBe(429);
    const second = await api("GET", "/api/RATELIMT/_");
    expect(second.status).toBe(429);
    expect(second.json).toEqual({ error: "API Rate Limit Exceed", errorcode: 155 });
    expect(second.headers.get("X-Rate-Limit")).toContain("1 of 1/min");
    // The key's own limit still applies where the endpoint key has none.
    expect((await api("GET", "/api/v2/batches?limit=1")).headers.get("X-Rate-Limit")).toContain("of 500/min");
  });

  it("an unknown receipt template is an error (404, 20030), the standard one a base64 HTML string", async () => {
    const { api } = testEmulator();
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "12.34", invoice: "<b>INV</b>", creditcard: card } });
    const unknown = await api("GET", `/api/v2/transactions/${sale.json.key}/receipts/nosuchtemplate`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: "Requested receipt not found", errorcode: 20030 });
    for (const path of [`/api/v2/transactions/${sale.json.key}/receipts/vterm`, `/api/v2/transactions/${sale.json.key}/receipts`]) {
      const receipt = await api("GET", path);
      expect(receipt.status).toBe(200);
      expect(typeof receipt.json).toBe("string");
      const html = Buffer.from(receipt.json, "base64").toString("utf8");
      expect(html).toContain(sale.json.refnum);
      expect(html).toContain("$12.34");
      expect(html).toContain("&#60;b&#62;INV");
      expect(html).not.toContain("<b>INV");
    }
    const sendUnknown = await api("POST", `/api/v2/transactions/${sale.json.key}/send`, { body: { toemail: "a@example.com", template: "fancy" } });
    expect(sendUnknown.json.errorcode).toBe(20030);
  });

  it("records emailed receipts only when toemail names a recipient", async () => {
    const { api, control } = testEmulator();
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "1.00", creditcard: card } });
    expect((await api("POST", `/api/v2/transactions/${sale.json.key}/send`, { body: { email: "wrong-field@example.com" } })).json).toEqual({ status: "success" });
    expect((await api("POST", `/api/v2/transactions/${sale.json.key}/send`, { body: { toemail: "pat@example.com" } })).json).toEqual({ status: "success" });
    const sent = await control("GET", `sent-receipts/${OPERATING_KEY}`);
    expect(sent.json.data).toEqual([{ transactionKey: sale.json.key, toemail: "pat@example.com", template: "vterm", at: expect.any(Number) }]);
  });

  it("an unknown pay request answers its own not-found code, not the unknown-device code", async () => {
    const { api } = testEmulator();
    for (const method of ["GET", "DELETE"]) {
      const missing = await api(method, "/api/v2/paymentengine/payrequests/pr_doesnotexist");
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ error: "Checkout request not found", errorcode: 21104 });
    }
    expect((await api("POST", "/api/v2/paymentengine/payrequests", { body: { devicekey: "sa_nope", amount: "1.00" } })).json.errorcode).toBe(21121);
  });

  it("an ACH decline carries a check-processor code, not a card decline code", async () => {
    const { api } = testEmulator();
    const check = { accountholder: "Pat Doe", routing: "123456789", account: "324523524" };
    const declined = await api("POST", "/api/v2/transactions", { body: { command: "check:sale", amount: "5.99", check } });
    expect(declined.json).toMatchObject({ result_code: "D", result: "Declined", error: "Returned check for this account", error_code: 515 });
    expect(declined.json.error_code).not.toBe(10127);
  });
});
