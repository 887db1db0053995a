import { beforeEach, describe, expect, it } from "vitest";
import { emulatorHarness, OPERATING, TRUST, type EmulatorHarness } from "./testing";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CUSTOMER = { integratorKey: OPERATING.integratorKey, customerKey: "sandbox-firm", customerPin: "3333" };

describe("ClientPay emulator: token lifecycle (docs/clientpay-api.md, Credentials and access IDs, Request IDs)", () => {
  let h: EmulatorHarness;
  beforeEach(() => {
    h = emulatorHarness();
  });

  it("New Access ID returns a UUID that Current Access ID then reports", async () => {
    const issued = await h.v2("token/accessid", OPERATING);
    expect(issued).toEqual({ status: 200, body: { success: true, accessId: expect.stringMatching(UUID) } });
    const current = await h.v2("token/accessid/current", OPERATING);
    expect(current).toEqual({ status: 200, body: { success: true, accessId: issued.body.accessId } });
  });

  it("a second New Access ID expires the first: Validate says false and calls with it get 401", async () => {
    const first = await h.newAccessId();
    const second = await h.newAccessId();
    expect(second).not.toBe(first);
    expect((await h.v2("token/accessid/validate", undefined, { accessId: first })).body).toEqual({ success: true, isValid: false });
    expect((await h.v2("token/accessid/validate", undefined, { accessId: second })).body).toEqual({ success: true, isValid: true });
    const refused = await h.v2("token/requestid", undefined, { Authorization: first });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ success: false, message: expect.any(String), errors: expect.any(Array) });
    expect((await h.v2("token/accessid/current", OPERATING)).body.accessId).toBe(second);
  });

  it("runs the composed end-to-end flow step by step (new, replace, current, page, reuse, expire)", async () => {
    const a1 = await h.newAccessId(); // 1
    const a2 = await h.newAccessId(); // 2
    expect((await h.v2("token/accessid/validate", undefined, { accessId: a1 })).body.isValid).toBe(false);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [] } }, { accessId: a1 })).status).toBe(401);
    expect((await h.v2("token/accessid/current", OPERATING)).body.accessId).toBe(a2); // 3
    const r1 = (await h.v2("token/requestid", undefined, { Authorization: a2 })).body.requestId; // 4
    const invoice = { invoiceNumber: "12345", invoiceDate: "2019-10-15", outstandingBalance: 1100 };
    const page = await h.v2("paymentpage/invoice", { token: { requestId: r1 }, invoices: [invoice] }, { accessId: a2 }); // 5
    expect(page.status).toBe(200);
    expect(page.body.paymentPageUrl).toContain(r1);
    expect((await h.v2("paymentpage/invoice", { token: { requestId: r1 }, invoices: [invoice] }, { accessId: a2 })).status).toBe(400); // 6
    expect((await h.v2("expirepage", { requestId: r1 }, { accessId: a2 })).status).toBe(200); // 7
    expect((await h.control("GET", `pages/${r1}`)).body.status).toBe("Expired");
    expect((await h.v2("token/accessid/expire", undefined, { accessId: a2 })).status).toBe(200); // 8
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(404);
  });

  it("accounts are independent: rotating operating leaves trust's id valid", async () => {
    const trust = await h.newAccessId(TRUST);
    await h.newAccessId(OPERATING);
    await h.newAccessId(OPERATING);
    expect((await h.v2("token/accessid/validate", undefined, { accessId: trust })).body.isValid).toBe(true);
  });

  it("Expire Access ID invalidates the id, Current then answers 404, and expiring again is idempotent", async () => {
    const accessId = await h.newAccessId();
    expect(await h.v2("token/accessid/expire", undefined, { accessId })).toEqual({ status: 200, body: { success: true } });
    expect((await h.v2("token/accessid/validate", undefined, { accessId })).body.isValid).toBe(false);
    const current = await h.v2("token/accessid/current", OPERATING);
    expect(current.status).toBe(404);
    expect(current.body.message).toBe("No active accessId");
    expect((await h.v2("token/accessid/expire", undefined, { accessId })).status).toBe(200);
    expect((await h.v2("token/accessid/expire", undefined, { accessId: "00000000-0000-4000-8000-000000000000" })).status).toBe(401);
  });

  it("Current Access ID never issues an id", async () => {
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(404);
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(404);
  });

  it("rejects bad or missing credentials with 401 and missing fields with 400", async () => {
    expect((await h.v2("token/accessid", { ...OPERATING, accountPin: "9999" })).status).toBe(401);
    expect((await h.v2("token/accessid", { ...OPERATING, integratorKey: "someone-else" })).status).toBe(401);
    expect((await h.v2("token/accessid/current", { ...TRUST, accountPin: "1111" })).status).toBe(401);
    const missing = await h.v2("token/accessid", { integratorKey: OPERATING.integratorKey, accountKey: "sandbox-operating" });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.join(" ")).toContain("accountPin");
    expect((await h.v2("token/accessid", "{not json")).status).toBe(400);
  });

  it("matches body keys, header names and /v2 paths case-insensitively", async () => {
    const issued = await h.v2("Token/AccessId", { IntegratorKey: OPERATING.integratorKey, ACCOUNTKEY: "sandbox-operating", accountpin: "1111" });
    expect(issued.status).toBe(200);
    const validated = await h.v2("token/accessid/validate/", undefined, { ACCESSID: issued.body.accessId });
    expect(validated.body.isValid).toBe(true);
  });

  it("Generate Request ID takes the raw accessId in Authorization (a Bearer prefix is tolerated)", async () => {
    const accessId = await h.newAccessId();
    const raw = await h.v2("token/requestid", undefined, { Authorization: accessId });
    expect(raw.body).toEqual({ success: true, requestId: expect.stringMatching(UUID) });
    const bearer = await h.v2("token/requestid", undefined, { Authorization: `Bearer ${accessId}` });
    expect(bearer.status).toBe(200);
    expect(bearer.body.requestId).not.toBe(raw.body.requestId);
    expect((await h.v2("token/requestid")).status).toBe(401);
    // The accessId header is not the Authorization header.
    expect((await h.v2("token/requestid", undefined, { accessId })).status).toBe(401);
  });

  it("a request id is single use: the reuse is a 400 with no side effect", async () => {
    const accessId = await h.newAccessId();
    const requestId = await h.newRequestId(accessId);
    const body = { token: { requestId }, payer: { firstName: "Jack" } };
    const first = await h.v2("payer", body, { accessId });
    expect(first.status).toBe(200);
    const before = h.emulator.store.payers.size;
    const reuse = await h.v2("payer", body, { accessId });
    expect(reuse.status).toBe(400);
    expect(reuse.body.message).toMatch(/already been used/);
    expect(h.emulator.store.payers.size).toBe(before);
  });

  it("a replayed payment request id is refused, moves no money, and the counters say so", async () => {
    const accessId = await h.newAccessId();
    const requestId = await h.newRequestId(accessId);
    const card = { cardholderName: "A B", cardNumber: "4111111111111111", expirationDateMonth: 1, expirationDateYear: 2099 };
    const body = { token: { requestId }, totalAmount: 10, creditCard: card };
    expect((await h.v2("payment", body, { accessId })).status).toBe(200);
    const payments = h.emulator.store.payments.length;
    const replay = await h.v2("payment", body, { accessId });
    expect(replay.status).toBe(400);
    expect(h.emulator.store.payments.length).toBe(payments);
    const other = await h.newAccessId(TRUST);
    expect((await h.v2("payment", { ...body, token: { requestId: await h.newRequestId(other) } }, { accessId })).status).toBe(400);
    expect((await h.v2("payment", { ...body, token: { requestId: "never-issued" } }, { accessId })).status).toBe(400);
    expect((await h.control("GET", "counters")).body.requestIds).toEqual({ issued: 2, consumed: 1, replaysRefused: 1, unknownRefused: 1, foreignRefused: 1 });
    await h.control("DELETE", "counters");
    expect((await h.control("GET", "counters")).body.requestIds).toEqual({ issued: 0, consumed: 0, replaysRefused: 0, unknownRefused: 0, foreignRefused: 0 });
  });

  it("a request id is consumed even when the call then fails validation", async () => {
    const accessId = await h.newAccessId();
    const requestId = await h.newRequestId(accessId);
    const invalid = await h.v2("payer", { token: { requestId }, payer: {} }, { accessId });
    expect(invalid.status).toBe(400);
    const retry = await h.v2("payer", { token: { requestId }, payer: { firstName: "Jack" } }, { accessId });
    expect(retry.status).toBe(400);
    expect(retry.body.message).toMatch(/already been used/);
  });

  it("a request id dies with its accessId, and cannot be used under another accessId", async () => {
    const first = await h.newAccessId();
    const orphan = await h.newRequestId(first);
    const second = await h.newAccessId();
    const dead = await h.v2("payer", { token: { requestId: orphan }, payer: { firstName: "A" } }, { accessId: second });
    expect(dead.status).toBe(400);
    const trust = await h.newAccessId(TRUST);
    const foreign = await h.newRequestId(trust);
    const crossed = await h.v2("payer", { token: { requestId: foreign }, payer: { firstName: "A" } }, { accessId: second });
    expect(crossed.status).toBe(400);
    expect(crossed.body.message).toMatch(/different accessId/);
    // The foreign id was not consumed by the refused attempt.
    expect((await h.v2("payer", { token: { requestId: foreign }, payer: { firstName: "A" } }, { accessId: trust })).status).toBe(200);
  });

  it("missing token or requestId is a 400; an unknown requestId is a 400", async () => {
    const accessId = await h.newAccessId();
    expect((await h.v2("payer", { payer: { firstName: "A" } }, { accessId })).status).toBe(400);
    expect((await h.v2("payer", { token: {}, payer: { firstName: "A" } }, { accessId })).status).toBe(400);
    const unknown = await h.v2("payer", { token: { requestId: "1e6bdb34-3ef4-4005-aeaa-b31e2xxxxxxx" }, payer: { firstName: "A" } }, { accessId });
    expect(unknown.status).toBe(400);
  });

  it("access ids and request ids are random, not derived from the seed", async () => {
    const other = emulatorHarness();
    expect(await h.newAccessId()).not.toBe(await other.newAccessId());
  });

  it("New Customer Access ID replaces the previous one and only works where docs/clientpay-api.md allows it", async () => {
    const first = await h.v2("token/customeraccessid", CUSTOMER);
    expect(first.body).toEqual({ success: true, customerAccessId: expect.stringMatching(UUID) });
    const second = await h.v2("token/customeraccessid", CUSTOMER);
    const customerAccessId = second.body.customerAccessId;
    expect((await h.v2("token/accessid/validate", undefined, { accessId: first.body.customerAccessId })).body.isValid).toBe(false);
    expect((await h.v2("token/accessid/validate", undefined, { accessId: customerAccessId })).body.isValid).toBe(true);
    const search = await h.v2("connect/search", { connectOption: 1, searchOption: 3, searchText: "300" }, { accessId: customerAccessId });
    expect(search.status).toBe(200);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [] } }, { accessId: customerAccessId })).status).toBe(401);
    expect((await h.v2("token/requestid", undefined, { Authorization: customerAccessId })).status).toBe(401);
    expect((await h.v2("token/customeraccessid", { ...CUSTOMER, customerPin: "0000" })).status).toBe(401);
    expect((await h.v2("token/accessid/expire", undefined, { accessId: customerAccessId })).status).toBe(200);
    expect((await h.v2("token/accessid/validate", undefined, { accessId: customerAccessId })).body.isValid).toBe(false);
  });

  it("Validate Credentials reports validity without issuing an id", async () => {
    expect((await h.v2("token/credentials/validate", OPERATING)).body).toEqual({ success: true, isValid: true });
    expect((await h.v2("token/credentials/validate", { ...OPERATING, accountPin: "0" })).body).toEqual({ success: true, isValid: false });
    expect((await h.v2("token/accessid/current", OPERATING)).status).toBe(404);
  });

  it("Validate Access ID without the header is a 401", async () => {
    expect((await h.v2("token/accessid/validate")).status).toBe(401);
    expect((await h.v2("token/accessid/expire")).status).toBe(401);
  });
});
