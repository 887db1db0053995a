import { beforeEach, describe, expect, it } from "vitest";
import { emulatorHarness, TRUST, type EmulatorHarness, type WireJson } from "./testing";

const ALL = { group: { type: "and", conditions: [] } };

describe("ClientPay emulator: payment search and connect search (docs/clientpay-api.md, Payment search)", () => {
  let h: EmulatorHarness;
  let accessId: string;
  beforeEach(async () => {
    h = emulatorHarness();
    accessId = await h.newAccessId();
  });

  const results = (body: Record<string, unknown>) => h.v2("paymentsearch/results", body, { accessId });

  it("counts only the account's own payments: thousands of seeded ones per account", async () => {
    expect((await h.v2("paymentsearch/count", ALL, { accessId })).body).toEqual({ success: true, count: 3000 });
    const trust = await h.newAccessId(TRUST);
    expect((await h.v2("paymentsearch/count", ALL, { accessId: trust })).body.count).toBe(2000);
  });

  it("pages by paymentDate ascending: page 2 of size 100 is items 101-200", async () => {
    const everything: WireJson[] = [];
    for (let pageNumber = 1; pageNumber <= 30; pageNumber += 1) {
      everything.push(...(await results({ ...ALL, pageNumber, pageSize: 100 })).body.payments);
    }
    expect(everything).toHaveLength(3000);
    expect(new Set(everything.map((payment) => payment.paymentID)).size).toBe(3000);
    const page2 = (await results({ ...ALL, pageNumber: 2, pageSize: 100 })).body.payments;
    expect(page2.map((payment: WireJson) => payment.paymentID)).toEqual(everything.slice(100, 200).map((payment) => payment.paymentID));
    const times = everything.map((payment) => new Date(payment.paymentDateUtc).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await results({ ...ALL, pageNumber: 31, pageSize: 100 })).body.payments).toEqual([]);
  });

  it("clamps pageSize 500 to 100 and refuses page numbers below 1", async () => {
    expect((await results({ ...ALL, pageSize: 500 })).body.payments).toHaveLength(100);
    expect((await results({ ...ALL })).body.payments).toHaveLength(100);
    expect((await results({ ...ALL, pageNumber: 0 })).status).toBe(400);
  });

  it("result items carry the documented keys (postback set plus payerId, paymentMethodId, orderId, description), then our extension keys", async () => {
    const [item] = (await results({ ...ALL, pageSize: 1 })).body.payments;
    const documented = [
      "requestID", "paymentID", "sessionID", "customerRefNumber", "paymentStatus", "paymentPageUrlStatus", "paymentDate",
      "paymentDateUtc", "paymentMethodType", "statusByType", "paymentAmount", "paymentTaxAmount", "surchargeAmount",
      "paymentPageUrl", "payerId", "paymentMethodId", "orderId", "description",
    ];
    const extension = [
      "payerName", "payerEmail", "invoiceNumbers", "accountLast4", "cardBrand", "isSettled", "settledDateUtc", "refundedAmount", "refunds", "lastModifiedUtc",
    ];
    expect(Object.keys(item).sort()).toEqual([...documented, ...extension].sort());
  });

  it("filters with the documented criteria in numeric and text operator forms, nested groups and or", async () => {
    const [first, second] = (await results({ ...ALL, pageSize: 2 })).body.payments;
    const byId = await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 2, operator: 1, value: first.paymentID } }] } }, { accessId });
    expect(byId.body.count).toBe(1);
    const either = await results({
      group: { type: "or", conditions: [{ criteria: { field: 2, operator: "eq", value: first.paymentID } }, { group: { type: "and", conditions: [{ criteria: { field: "2", operator: "1", value: second.paymentID } }] } }] },
    });
    expect(either.body.payments.map((payment: WireJson) => payment.paymentID)).toEqual([first.paymentID, second.paymentID]);
    const notFirst = await h.v2("paymentsearch/count", { type: "and", conditions: [{ criteria: { field: 2, operator: "ne", value: first.paymentID } }] }, { accessId });
    expect(notFirst.body.count).toBe(2999);
    const byRequest = await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 1, operator: 1, value: first.requestID } }] } }, { accessId });
    expect(byRequest.body.count).toBe(1);
  });

  it("filters by PaymentDate with gte/lt and orders by paymentId on request", async () => {
    const anchorDay = "2026-03-01";
    const before = await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 4, operator: "lt", value: anchorDay } }] } }, { accessId });
    expect(before.body.count).toBe(3000);
    const after = await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 4, operator: 5, value: anchorDay } }] } }, { accessId });
    expect(after.body.count).toBe(0);
    const byId = (await results({ ...ALL, orderBy: ["paymentId"], pageSize: 50 })).body.payments.map((payment: WireJson) => Number(payment.paymentID));
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
  });

  it("refuses malformed search bodies with 400", async () => {
    expect((await h.v2("paymentsearch/count", {}, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "xor", conditions: [] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 99, operator: 1, value: "1" } }] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 2, operator: 99, value: "1" } }] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 2, operator: "contains", value: "1" } }] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 5, operator: "gt", value: "Approved" } }] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 5, operator: "eq", value: "Pending" } }] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 6, operator: "gte", value: "ten" } }] } }, { accessId })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 4, operator: 1, value: "yesterday" } }] } }, { accessId })).status).toBe(400);
    expect((await results({ ...ALL, orderBy: ["amount"] })).status).toBe(400);
    expect((await h.v2("paymentsearch/count", ALL)).status).toBe(401);
  });

  it("does not require or consume a token on search calls", async () => {
    const requestId = await h.newRequestId(accessId);
    expect((await h.v2("paymentsearch/count", { ...ALL, token: { requestId } }, { accessId })).status).toBe(200);
    expect((await h.v2("payer", { token: { requestId }, payer: { firstName: "A" } }, { accessId })).status).toBe(200);
  });

  it("the history is the same on every run for the same anchor", async () => {
    const other = emulatorHarness();
    const otherId = await other.newAccessId();
    const mine = (await results({ ...ALL, pageNumber: 7, pageSize: 100 })).body.payments;
    const theirs = (await other.v2("paymentsearch/results", { ...ALL, pageNumber: 7, pageSize: 100 }, { accessId: otherId })).body.payments;
    expect(theirs).toEqual(mine);
    const shifted = emulatorHarness({ anchorDate: new Date("2026-03-02T00:00:00Z") });
    const shiftedId = await shifted.newAccessId();
    const moved = (await shifted.v2("paymentsearch/results", { ...ALL, pageNumber: 7, pageSize: 100 }, { accessId: shiftedId })).body.payments[0];
    expect(new Date(moved.paymentDateUtc).getTime() - new Date(mine[0].paymentDateUtc).getTime()).toBe(86_400_000);
  });

  it("Connect Search matches exact text by the chosen option and refuses connectOption 5", async () => {
    const byClient = await h.v2("connect/search", { connectOption: 1, searchOption: 3, searchText: "300" }, { accessId });
    expect(byClient.body.invoices.length).toBeGreaterThan(0);
    expect(byClient.body.invoices.every((invoice: WireJson) => invoice.clientID === "300")).toBe(true);
    const byMatter = await h.v2("connect/search", { connectOption: 2, searchOption: 2, searchText: "M-2001", filterOption: 1, filterText: "5001" }, { accessId });
    expect(byMatter.body.invoices.map((invoice: WireJson) => invoice.invoiceNumber)).toEqual(["5001"]);
    expect((await h.v2("connect/search", { connectOption: 5, searchOption: 1, searchText: "5001" }, { accessId })).status).toBe(400);
    expect((await h.v2("connect/search", { connectOption: 1, searchOption: 1 }, { accessId })).status).toBe(400);
  });
});

describe("ClientPay emulator: our search extensions (every filter the dashboard offers)", () => {
  let h: EmulatorHarness;
  let accessId: string;
  beforeEach(async () => {
    h = emulatorHarness();
    accessId = await h.newAccessId();
  });

  const where = (...criteria: Array<Record<string, unknown>>) => ({ group: { type: "and", conditions: criteria.map((entry) => ({ criteria: entry })) } });
  const count = async (body: Record<string, unknown>) => (await h.v2("paymentsearch/count", body, { accessId })).body.count as number;
  const all = async (body: Record<string, unknown>) => {
    const found: WireJson[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      const page = (await h.v2("paymentsearch/results", { ...body, pageNumber, pageSize: 100 }, { accessId })).body.payments as WireJson[];
      found.push(...page);
      if (page.length < 100) return found;
    }
  };

  it("filters by status, method, settlement and amount range, by code or by name", async () => {
    const declined = await all(where({ field: 5, operator: 1, value: "declined" }));
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.every((payment) => payment.paymentStatus === "Declined")).toBe(true);
    const statuses = await count(where({ field: "paymentStatus", operator: "ne", value: "Approved" }));
    expect(statuses).toBe(3000 - (await count(where({ field: 5, operator: "eq", value: "Approved" }))));
    const eChecks = await all(where({ field: 7, operator: 1, value: "eCheck" }));
    expect(eChecks.every((payment) => payment.paymentMethodType === 1)).toBe(true);
    expect((await count(where({ field: 7, operator: 1, value: "0" }))) + eChecks.length).toBe(3000);
    const range = await all(where({ field: 6, operator: "gte", value: "100" }, { field: "paymentAmount", operator: "lte", value: "200.50" }));
    expect(range.length).toBeGreaterThan(0);
    expect(range.every((payment) => payment.paymentAmount >= 100 && payment.paymentAmount <= 200.5)).toBe(true);
    const unsettled = await all(where({ field: 12, operator: 1, value: "false" }, { field: 5, operator: 1, value: "Approved" }));
    expect(unsettled.length).toBeGreaterThan(0);
    expect(unsettled.every((payment) => payment.isSettled === false)).toBe(true);
  });

  it("searches payer name and email, invoice and order numbers with contains (ignoring case), nested in an or group", async () => {
    const [sample] = (await h.v2("paymentsearch/results", { ...where({ field: 10, operator: "contains", value: "INV-" }), pageSize: 1 }, { accessId })).body.payments;
    const invoice = sample.invoiceNumbers[0];
    const byInvoice = await all(where({ field: 10, operator: 1, value: invoice.toLowerCase() }));
    expect(byInvoice.map((payment) => payment.paymentID)).toContain(sample.paymentID);
    const lastName = sample.payerName.split(" ").at(-1).toUpperCase();
    const text = { type: "or", conditions: ["payerName", "payerEmail", "invoiceNumber", "orderId"].map((field) => ({ criteria: { field, operator: 7, value: lastName } })) };
    const hits = await all({ group: { type: "and", conditions: [{ group: text }] } });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((payment) => [payment.payerName, payment.payerEmail, payment.orderId, ...payment.invoiceNumbers].some((value) => String(value).toUpperCase().includes(lastName)))).toBe(true);
    const email = await all(where({ field: 9, operator: 1, value: sample.payerEmail.toUpperCase() }));
    expect(email.every((payment) => payment.payerEmail === sample.payerEmail)).toBe(true);
    const orders = await all(where({ field: 11, operator: "contains", value: "ORD-" }));
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((payment) => payment.orderId.startsWith("ORD-"))).toBe(true);
  });

  it("sorts descending with \"paymentDate desc\" and by amount; pages stay stable", async () => {
    const newest = (await h.v2("paymentsearch/results", { ...ALL, orderBy: ["paymentDate desc"], pageSize: 100 }, { accessId })).body.payments as WireJson[];
    const times = newest.map((payment) => new Date(payment.paymentDateUtc).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const oldestFirst = (await h.v2("paymentsearch/results", { ...ALL, pageNumber: 30, pageSize: 100 }, { accessId })).body.payments as WireJson[];
    expect(newest.map((payment) => payment.paymentID)).toEqual(oldestFirst.map((payment) => payment.paymentID).reverse());
    const byAmount = (await h.v2("paymentsearch/results", { ...ALL, orderBy: ["-paymentAmount"], pageSize: 50 }, { accessId })).body.payments as WireJson[];
    const amounts = byAmount.map((payment) => payment.paymentAmount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it("a refund's requestId finds the payment it reversed; LastModified finds what changed", async () => {
    h = emulatorHarness({ now: () => new Date("2026-03-05T10:00:00Z") });
    accessId = await h.newAccessId();
    const requestId = await h.newRequestId(accessId);
    const paymentId = (await h.v2("payment", { token: { requestId }, totalAmount: 12, creditCard: { cardholderName: "A B", cardNumber: "4111111111111111", expirationDateMonth: 1, expirationDateYear: 2099 } }, { accessId })).body.paymentID;
    const refundRequestId = await h.newRequestId(accessId);
    await h.v2("payment/refund", { token: { requestId: refundRequestId }, paymentId }, { accessId });
    for (const id of [requestId, refundRequestId]) {
      const found = await all(where({ field: 1, operator: 1, value: id }));
      expect(found.map((payment) => payment.paymentID)).toEqual([paymentId]);
    }
    const changed = await all(where({ field: 15, operator: "gte", value: "2026-03-05" }));
    expect(changed.map((payment) => payment.paymentID)).toEqual([paymentId]);
  });
});
