import { describe, expect, it } from "vitest";
import { DOCS_EXAMPLE_HEADER, testEmulator, type Wire } from "./test-helpers";

const card = (number: string, extra: Record<string, unknown> = {}) => ({ number, expiration: "0930", cvc: "999", cardholder: "Test Person", ...extra });

describe("POST /transactions", () => {
  it("approves the docs' own curl example with every field of the documented response", async () => {
    const { api } = testEmulator();
    const res = await api("POST", "/api/v2/transactions", {
      auth: DOCS_EXAMPLE_HEADER,
      headers: { "User-Agent": "uelib v6.8" },
      body: {
        command: "cc:sale",
        amount: "5.00",
        amount_detail: { tax: "1.00", tip: "0.50" },
        creditcard: { cardholder: "John doe", number: "4000100011112224", expiration: "0930", cvc: "123", avs_street: "1234 Main", avs_zip: "12345" },
        invoice: "12356",
      },
    });
    expect(res.status).toBe(200);
    const body = res.json;
    for (const field of ["type", "key", "refnum", "is_duplicate", "result_code", "result", "authcode", "creditcard", "invoice", "avs", "cvc", "batch", "auth_amount"]) {
      expect(body, field).toHaveProperty(field);
    }
    expect(body).toMatchObject({
      type: "transaction",
      is_duplicate: "N",
      result_code: "A",
      result: "Approved",
      creditcard: { number: "4000xxxxxxxx2224", category_code: "A" },
      invoice: "12356",
      avs: { result_code: "YYY", result: "Address: Match & 5 Digit Zip: Match" },
      cvc: { result_code: "M", result: "Match" },
      batch: { type: "batch" },
      auth_amount: "5.00",
    });
    expect(body.key).toMatch(/^[0-9a-z]{15}$/);
    expect(body.refnum).toMatch(/^\d+$/);
    expect(body.authcode).toMatch(/^\d{6}$/);
    expect(typeof body.batch.key).toBe("string");
    expect(typeof body.batch.sequence).toBe("string");
  });

  it("answers a decline with HTTP 200, result_code D, integer error_code, key and refnum", async () => {
    const { api } = testEmulator();
    const res = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "10.00", creditcard: card("4000300011112220") } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ result_code: "D", result: "Declined", error: "Card Declined (F)", error_code: 10127 });
    expect(res.json.key).toBeTruthy();
    expect(res.json.refnum).toBeTruthy();
    const insufficient = await api("POST", "/api/v2/transactions", { body: { command: "sale", amount: 10, creditcard: card("4000300611112224") } });
    expect(insufficient.json).toMatchObject({ result_code: "D", error_code: 10251 });
  });

  it("returns AVS and CVC variants of the test cards", async () => {
    const { api } = testEmulator();
    const avs = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "1.00", creditcard: card("4000100511112229") } });
    expect(avs.json.avs).toEqual({ result_code: "NNN", result: "Address: No Match & 5 Digit Zip: No Match" });
    const cvc = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "1.00", creditcard: card("4000200111112221") } });
    expect(cvc.json.cvc).toEqual({ result_code: "N", result: "No Match" });
    const level = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "1.00", creditcard: card("4000700211112229") } });
    expect(level.json.creditcard.category_code).toBe("C");
  });

  it("answers card errors and unknown commands as transaction errors (result_code E) with HTTP 200", async () => {
    const { api } = testEmulator();
    const cases: [Record<string, unknown>, number][] = [
      [{ command: "cc:sale", amount: "1.00", creditcard: card("4000100011112225") }, 13],
      [{ command: "cc:sale", amount: "1.00", creditcard: card("4000100011112224", { expiration: "0120" }) }, 17],
      [{ command: "cc:sale", amount: "1.00", creditcard: card("4000100011112224", { expiration: "1330" }) }, 85],
      [{ command: "cc:sale", amount: "1.00", creditcard: card("4000300111112229") }, 43],
      [{ command: "cc:sale", amount: "100000.00", creditcard: card("4000100011112224") }, 70],
      [{ command: "cc:sale", amount: "10.00", amount_detail: { subtotal: "9.00", tax: "0.50" }, creditcard: card("4000100011112224") }, 71],
      [{ command: "cc:launch", amount: "1.00" }, 20019],
    ];
    for (const [body, code] of cases) {
      const res = await api("POST", "/api/v2/transactions", { body });
      expect(res.status).toBe(200);
      expect(res.json.result_code, JSON.stringify(body)).toBe("E");
      expect(res.json.error_code, JSON.stringify(body)).toBe(code);
    }
  });

  it("partially approves with enable_partialauth", async () => {
    const { api } = testEmulator();
    const res = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "100.00", amount_detail: { enable_partialauth: true }, creditcard: card("4000000011112275") } });
    expect(res.json).toMatchObject({ result_code: "P", auth_amount: "50.00" });
  });

  it("authonly is queued outside batches until cc:capture moves it into the open batch", async () => {
    const { api } = testEmulator();
    const auth = await api("POST", "/api/v2/transactions", { body: { command: "cc:authonly", amount: "20.00", creditcard: card("4000100011112224") } });
    expect(auth.json.result_code).toBe("A");
    expect(auth.json.batch).toBeUndefined();
    const queued = await api("GET", `/api/v2/transactions/${auth.json.key}`);
    expect(queued.json).toMatchObject({ trantype_code: "A", status_code: "N", status: "Queued" });
    const captured = await api("POST", "/api/v2/transactions", { body: { command: "cc:capture", trankey: auth.json.key, amount: "15.00" } });
    expect(captured.json.key).toBe(auth.json.key);
    expect(captured.json.result_code).toBe("A");
    const after = await api("GET", `/api/v2/transactions/${auth.json.key}`);
    expect(after.json).toMatchObject({ trantype_code: "S", status_code: "P", amount: "15.00" });
    expect(after.json.batch.key).toBeTruthy();
    const again = await api("POST", "/api/v2/transactions", { body: { command: "cc:capture", trankey: auth.json.key } });
    expect(again.json).toMatchObject({ result_code: "E", error_code: 10124 });
  });

  it("refunds by trankey or refnum as new transactions, never above the original", async () => {
    const { api } = testEmulator();
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "30.00", creditcard: card("4000100011112224") } });
    const partial = await api("POST", "/api/v2/transactions", { body: { command: "refund", trankey: sale.json.key, amount: "10.00" } });
    expect(partial.json).toMatchObject({ result_code: "A", trantype: "Credit Card Refund (Credit)", auth_amount: "10.00" });
    expect(partial.json.key).not.toBe(sale.json.key);
    expect(partial.json.cvc).toBeUndefined();
    expect(partial.json.avs).toEqual({ result_code: "   ", result: "Unmapped AVS response (   )" });
    const tooMuch = await api("POST", "/api/v2/transactions", { body: { command: "refund", refnum: sale.json.refnum, amount: "25.00" } });
    expect(tooMuch.json).toMatchObject({ result_code: "E", error_code: 10133 });
    expect((await api("GET", `/api/v2/transactions/${sale.json.key}`)).json.available_actions).toContain("quickrefund");
    const rest = await api("POST", "/api/v2/transactions", { body: { command: "refund", refnum: sale.json.refnum } });
    expect(rest.json.auth_amount).toBe("20.00");
    const original = await api("GET", `/api/v2/transactions/${sale.json.key}`);
    expect(original.json.status_code).toBe("P");
    expect(original.json.available_actions).not.toContain("quickrefund");
    const missing = await api("POST", "/api/v2/transactions", { body: { command: "refund", trankey: "zzzzzzzzzzzzzzz" } });
    expect(missing.json).toMatchObject({ result_code: "E", error_code: 20001 });
  });

  it("voids an unsettled sale (same key back) and refuses a second void or a settled one", async () => {
    const { api } = testEmulator();
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "12.00", creditcard: card("4000100011112224") } });
    const voided = await api("POST", "/api/v2/transactions", { body: { command: "void", trankey: sale.json.key } });
    expect(voided.json).toMatchObject({ result_code: "A", key: sale.json.key, refnum: sale.json.refnum });
    const detail = await api("GET", `/api/v2/transactions/${sale.json.key}`);
    expect(detail.json).toMatchObject({ trantype_code: "V", status_code: "V", status: "Voided" });
    const twice = await api("POST", "/api/v2/transactions", { body: { command: "void", trankey: sale.json.key } });
    expect(twice.json.error_code).toBe(24);
    const unvoid = await api("POST", "/api/v2/transactions", { body: { command: "unvoid", trankey: sale.json.key } });
    expect(unvoid.json.result_code).toBe("A");
    expect((await api("GET", `/api/v2/transactions/${sale.json.key}`)).json.status_code).toBe("P");
    const oldSettled = (await api("GET", "/api/v2/transactions?limit=50&offset=5000")).json.data.find((t: Wire) => t.status_code === "S" && t.trantype_code === "S");
    const settledVoid = await api("POST", "/api/v2/transactions", { body: { command: "void", trankey: oldSettled.key } });
    expect(settledVoid.json.error_code).toBe(26);
  });

  it("refunding an old settled sale leaves it settled and adds a refund to the open batch", async () => {
    const { api } = testEmulator();
    const old = (await api("GET", "/api/v2/transactions?limit=100&offset=20000")).json.data.find((t: Wire) => t.status_code === "S" && t.trantype_code === "S" && t.result_code === "A");
    const refund = await api("POST", "/api/v2/transactions", { body: { command: "refund", trankey: old.key } });
    expect(refund.json.result_code).toBe("A");
    const current = await api("GET", "/api/v2/batches/current");
    expect(refund.json.batch.key).toBe(current.json.key);
    const newest = await api("GET", "/api/v2/transactions?limit=1");
    expect(newest.json.data[0].key).toBe(refund.json.key);
  });

  it("runs check:sale and check:credit with ACH test data", async () => {
    const { api } = testEmulator();
    const check = { accountholder: "Pat Doe", routing: "123456789", account: "324523524", account_type: "checking" };
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "check:sale", amount: "45.00", check } });
    expect(sale.json).toMatchObject({ result_code: "A", trantype: "Check Sale" });
    expect(sale.json.authcode).toMatch(/^TM/);
    expect(sale.json.proc_refnum).toBeTruthy();
    const detail = await api("GET", `/api/v2/transactions/${sale.json.key}`);
    expect(detail.json.check).toMatchObject({ account_number: "xxxxx3524", routing_number: "xxxxx6789", account_type: "Checking" });
    const credit = await api("POST", "/api/v2/transactions", { body: { command: "check:credit", amount: "5.00", check } });
    expect(credit.json).toMatchObject({ result_code: "A", trantype: "Check Refund" });
    const badRouting = await api("POST", "/api/v2/transactions", { body: { command: "check:sale", amount: "5.00", check: { ...check, routing: "987654321" } } });
    expect(badRouting.json).toMatchObject({ result_code: "E", error_code: 38 });
    const returned = await api("POST", "/api/v2/transactions", { body: { command: "check:sale", amount: "5.99", check } });
    expect(returned.json.result_code).toBe("D");
  });

  it("runs quicksale, quickrefund, creditvoid, cc:adjust and refund:adjust", async () => {
    const { api } = testEmulator();
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "40.00", creditcard: card("4000100011112224") } });
    const quick = await api("POST", "/api/v2/transactions", { body: { command: "quicksale", trankey: sale.json.key, amount: "5.00" } });
    expect(quick.json).toMatchObject({ result_code: "A", auth_amount: "5.00", cvc: { result_code: "P" } });
    expect(quick.json.key).not.toBe(sale.json.key);
    const noAmount = await api("POST", "/api/v2/transactions", { body: { command: "quickrefund", trankey: sale.json.key } });
    expect(noAmount.json.result_code).toBe("E");
    const quickRefund = await api("POST", "/api/v2/transactions", { body: { command: "quickrefund", trankey: sale.json.key, amount: "4.00" } });
    expect(quickRefund.json).toMatchObject({ result_code: "A", auth_amount: "4.00" });
    const adjusted = await api("POST", "/api/v2/transactions", { body: { command: "cc:adjust", trankey: quick.json.key, amount: "6.00" } });
    expect(adjusted.json.auth_amount).toBe("6.00");
    const reduced = await api("POST", "/api/v2/transactions", { body: { command: "refund:adjust", trankey: quick.json.key, amount: "1.00" } });
    expect(reduced.json.auth_amount).toBe("5.00");
    const creditvoid = await api("POST", "/api/v2/transactions", { body: { command: "creditvoid", trankey: quick.json.key } });
    expect(creditvoid.json.key).toBe(quick.json.key);
    expect((await api("GET", `/api/v2/transactions/${quick.json.key}`)).json.status_code).toBe("V");
  });

  it("runs cc:credit as an open refund and cc:save as a token that later sales accept", async () => {
    const { api } = testEmulator();
    const credit = await api("POST", "/api/v2/transactions", { body: { command: "cc:credit", amount: "3.00", creditcard: card("4000100011112224") } });
    expect(credit.json).toMatchObject({ result_code: "A", trantype: "Credit Card Refund (Credit)" });
    const saved = await api("POST", "/api/v2/transactions", { body: { command: "cc:save", creditcard: card("4000100011112224") } });
    expect(saved.json).toMatchObject({ key: "", refnum: "", result_code: "A" });
    expect(saved.json.savedcard.key).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    const tokenSale = await api("POST", "/api/v2/transactions", { body: { command: "sale", amount: "2.00", creditcard: { number: saved.json.savedcard.key, expiration: "0000" } } });
    expect(tokenSale.json).toMatchObject({ result_code: "A", creditcard: { number: "4000xxxxxxxx2224" } });
  });

  it("folds duplicates with is_duplicate Y when detection is on, and ignore_duplicate bypasses it", async () => {
    const { api, control } = testEmulator();
    const { OPERATING_KEY } = await import("./test-helpers");
    await control("PUT", `keys/${OPERATING_KEY}`, { duplicateMode: "fold", duplicateWindowMinutes: 5 });
    const body = { command: "cc:sale", amount: "7.00", invoice: "dup-1", creditcard: card("4000100011112224") };
    const first = await api("POST", "/api/v2/transactions", { body });
    const second = await api("POST", "/api/v2/transactions", { body });
    expect(second.json).toMatchObject({ is_duplicate: "Y", key: first.json.key });
    const bypass = await api("POST", "/api/v2/transactions", { body: { ...body, ignore_duplicate: true } });
    expect(bypass.json.is_duplicate).toBe("N");
    expect(bypass.json.key).not.toBe(first.json.key);
  });

  it("blocks duplicates with error 31 when the key is set to block", async () => {
    const { api, control } = testEmulator();
    const { OPERATING_KEY } = await import("./test-helpers");
    await control("PUT", `keys/${OPERATING_KEY}`, { duplicateMode: "block" });
    const body = { command: "cc:sale", amount: "8.00", invoice: "dup-2", creditcard: card("4000100011112224") };
    expect((await api("POST", "/api/v2/transactions", { body })).json.result_code).toBe("A");
    const blocked = await api("POST", "/api/v2/transactions", { body });
    expect(blocked.status).toBe(200);
    expect(blocked.json).toMatchObject({ result_code: "E", error_code: 31 });
    expect((await api("POST", "/api/v2/transactions", { body: { ...body, invoice: "dup-3" } })).json.result_code).toBe("A");
  });

  it("tolerates no User-Agent, [] bodies, trailing commas and firstname spellings", async () => {
    const { api } = testEmulator();
    const trailing = `{"command":"sale","amount":"1.00","creditcard":{"number":"4000100011112224","expiration":"0930",},"billing_address":{"firstname":"Albus","lastname":"Dumbledore","postalcode":"10005",},}`;
    const res = await api("POST", "/api/v2/transactions", { rawBody: trailing });
    expect(res.json.result_code).toBe("A");
    const detail = await api("GET", `/api/v2/transactions/${res.json.key}`);
    expect(detail.json.billing_address).toMatchObject({ first_name: "Albus", last_name: "Dumbledore", postalcode: "10005" });
    const close = await api("POST", "/api/v2/batches/current/close", { rawBody: "[]" });
    expect(close.status).toBe(200);
    const junk = await api("POST", "/api/v2/transactions", { rawBody: "{not json" });
    expect(junk.status).toBe(400);
    expect(junk.json.errorcode).toBe(21004);
  });
});

describe("GET /transactions", () => {
  it("lists newest first in the documented list format with a string total", async () => {
    const { api } = testEmulator();
    const res = await api("GET", "/api/v2/transactions");
    expect(res.json).toMatchObject({ type: "list", limit: 20, offset: 0, total: "104000" });
    expect(res.json.data).toHaveLength(20);
    const created = res.json.data.map((t: Wire) => t.created);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("clamps limit to 1000 and pages without gaps or overlaps across the clamp", async () => {
    const { api } = testEmulator();
    const big = await api("GET", "/api/v2/transactions?limit=5000&offset=0");
    expect(big.json.limit).toBe(1000);
    expect(big.json.data).toHaveLength(1000);
    const next = await api("GET", "/api/v2/transactions?limit=1000&offset=1000");
    expect(next.json.data[0].key).not.toBe(big.json.data[999].key);
    const straddle = await api("GET", "/api/v2/transactions?limit=10&offset=995");
    expect(straddle.json.data.slice(0, 5).map((t: Wire) => t.key)).toEqual(big.json.data.slice(995).map((t: Wire) => t.key));
    expect(straddle.json.data.slice(5).map((t: Wire) => t.key)).toEqual(next.json.data.slice(0, 5).map((t: Wire) => t.key));
    const last = await api("GET", "/api/v2/transactions?limit=1000&offset=103500");
    expect(last.json.data).toHaveLength(500);
    const junk = await api("GET", "/api/v2/transactions?limit=abc&offset=-4");
    expect(junk.json).toMatchObject({ limit: 20, offset: 0 });
  });

  it("gets one transaction by key, with return_bin / return_origin flags, and 404 for unknown keys", async () => {
    const { api } = testEmulator();
    const first = (await api("GET", "/api/v2/transactions?limit=5")).json.data.find((t: Wire) => t.creditcard);
    const detail = await api("GET", `/api/v2/transactions/${first.key}?return_bin=1&return_origin=1`);
    expect(detail.json.key).toBe(first.key);
    expect(detail.json.bin).toBeDefined();
    expect(detail.json.origin.api_type).toBe("Rest API");
    const plain = await api("GET", `/api/v2/transactions/${first.key}`);
    expect(plain.json.bin).toBeUndefined();
    const missing = await api("GET", "/api/v2/transactions/aaaaaaaaaaaaaaa");
    expect(missing.status).toBe(404);
    expect(missing.json.errorcode).toBe(20001);
  });

  it("keeps merchants apart: one merchant's key does not resolve for another", async () => {
    const { api } = testEmulator();
    const { TRUST_KEY, TRUST_PIN } = await import("./test-helpers");
    const key = (await api("GET", "/api/v2/transactions?limit=1")).json.data[0].key;
    const other = await api("GET", `/api/v2/transactions/${key}`, { key: TRUST_KEY, pin: TRUST_PIN });
    expect(other.status).toBe(404);
  });

  it("sends receipts and renders a base64 receipt string", async () => {
    const { api } = testEmulator();
    const key = (await api("GET", "/api/v2/transactions?limit=1")).json.data[0].key;
    expect((await api("POST", `/api/v2/transactions/${key}/send`, { body: { toemail: "a@example.com" } })).json).toEqual({ status: "success" });
    const receipt = await api("GET", `/api/v2/transactions/${key}/receipts/vterm`);
    expect(Buffer.from(receipt.json, "base64").toString()).toContain("<html>");
  });
});

describe("tokens (docs/usaepay-api.md, Tokens)", () => {
  it("tokenizes a card, a past transaction and a list, and reads a token back", async () => {
    const { api } = testEmulator();
    const single = await api("POST", "/api/v2/tokens", { body: { creditcard: { number: "4000100011112224", expiration: "0930" } } });
    expect(single.json.token).toMatchObject({ masked_card_number: "XXXXXXXXXXXX2224", card_type: "Visa" });
    const cardref = single.json.token.cardref;
    expect((await api("GET", `/api/v2/tokens/${cardref}`)).json.cardref).toBe(cardref);
    const sale = await api("POST", "/api/v2/transactions", { body: { command: "cc:sale", amount: "1.00", creditcard: card("5555444433332226") } });
    const fromTx = await api("POST", "/api/v2/tokens", { body: { trankey: sale.json.key } });
    expect(fromTx.json.token.card_type).toBe("MasterCard");
    const bulk = await api("POST", "/api/v2/tokens", { body: [{ creditcard: { number: "4000100011112224", expiration: "0930" } }, { creditcard: { number: "1234", expiration: "0930" } }] });
    expect(bulk.json[0].key).toMatch(/^[0-9a-z]{4}-/);
    expect(bulk.json[1]).toEqual({ type: "token", error: "Invalid Card Number" });
    expect((await api("GET", "/api/v2/tokens/aaaa-bbbb-cccc-dddd")).status).toBe(404);
  });
});
