import { describe, expect, it } from "vitest";
import { createUsaepayEmulator } from "@/sandbox/usaepay";
import { isOutcomeUnknown } from "../http";
import type { UsaepayClientOptions } from "./client";
import { transactionFailure } from "./errors";
import { refundPosition } from "./mappers";
import { clientAgainst, failureOf, OPERATING_KEY, VISA } from "./test-harness";

/** The operations the dashboard's money actions, receipts and batch pages use, against the emulator. */
function setup(client: Partial<UsaepayClientOptions> = {}) {
  const emulator = createUsaepayEmulator({ anchorDate: "2026-01-15T00:00:00Z", ratePerMinute: 100_000, ratePerDay: 1_000_000 });
  return { emulator, ...clientAgainst(emulator, client) };
}

describe("refunds and what remains refundable", () => {
  it("reads already-refunded and remaining-refundable from the original's linked refunds", async () => {
    const { client } = setup();
    const sale = await client.sale({ amountCents: 3000, card: VISA });
    expect(refundPosition(await client.getTransaction(sale.key))).toEqual({ originalCents: 3000, refundedCents: 0, remainingCents: 3000 });
    const partial = await client.refund({ transactionKey: sale.key, amountCents: 1000 });
    expect(partial).toMatchObject({ outcome: "approved", amountCents: undefined, authAmountCents: 1000 });
    const afterPartial = await client.getTransaction(sale.key);
    expect(afterPartial.refunds).toEqual([expect.objectContaining({ key: partial.key, amountCents: 1000, statusCode: "P", voided: false })]);
    expect(refundPosition(afterPartial)).toEqual({ originalCents: 3000, refundedCents: 1000, remainingCents: 2000 });
    expect((await client.getTransaction(partial.key)).refundOf).toEqual({ key: sale.key, refnum: sale.refnum });

    await client.voidTransaction({ transactionKey: partial.key });
    expect(refundPosition(await client.getTransaction(sale.key))?.remainingCents).toBe(3000);
    const full = await client.refund({ refnum: sale.refnum });
    expect(full.authAmountCents).toBe(3000);
    const done = await client.getTransaction(sale.key);
    expect(refundPosition(done)).toEqual({ originalCents: 3000, refundedCents: 3000, remainingCents: 0 });
    expect(done.availableActions).not.toContain("quickrefund");

    const tooMuch = await client.refund({ transactionKey: sale.key, amountCents: 1 });
    expect(tooMuch).toMatchObject({ outcome: "error", errorCode: 10133 });
    expect(transactionFailure(tooMuch)?.kind).toBe("validation");
  });

  it("says 'unknown', not zero, when an answer lists no refunds", () => {
    expect(refundPosition({ amountCents: 500, refunds: undefined })).toBeUndefined();
    expect(refundPosition({ amountCents: 500, refunds: [{ key: "r", refnum: "1", amountCents: 200, voided: true }] })).toEqual({ originalCents: 500, refundedCents: 0, remainingCents: 500 });
  });
});

describe("voids, captures, adjustments and saved-card charges", () => {
  it("voids with and without releasing the funds", async () => {
    const { client } = setup();
    const sale = await client.sale({ amountCents: 1200, card: VISA });
    expect((await client.voidTransaction({ transactionKey: sale.key })).key).toBe(sale.key);
    expect(await client.getTransaction(sale.key)).toMatchObject({ statusCode: "V", availableActions: ["unvoid"] });
    const held = await client.sale({ amountCents: 1300, card: VISA });
    await client.voidTransaction({ transactionKey: held.key, releaseFunds: true });
    expect(await client.getTransaction(held.key)).toMatchObject({ statusCode: "R", statusLabel: "Voided (Funds Released)", availableActions: [] });
  });

  it("captures an auth for less than authorized, and adjusts an unsettled sale", async () => {
    const { client } = setup();
    const auth = await client.authorize({ amountCents: 5000, card: VISA });
    expect((await client.getTransaction(auth.key)).availableActions).toContain("capture");
    const captured = await client.capture({ transactionKey: auth.key, amountCents: 4500 });
    expect(captured.key).toBe(auth.key);
    expect(await client.getTransaction(auth.key)).toMatchObject({ amountCents: 4500, authAmountCents: 5000, statusCode: "P" });
    const adjusted = await client.adjust({ transactionKey: auth.key, amountCents: 4000 });
    expect(adjusted).toMatchObject({ key: auth.key, authAmountCents: 4000 });
    expect((await client.getTransaction(auth.key)).amountCents).toBe(4000);
  });

  it("charges a customer's chosen saved method with customer:sale", async () => {
    const { client, counters } = setup();
    const customer = await client.createCustomer({ company: "Saved Cards Inc" });
    await client.addPaymentMethod(customer.key, { card: { ...VISA, cardholder: "First Card" } });
    const second = await client.addPaymentMethod(customer.key, { card: { number: "5555444433332226", expiration: "0930", cardholder: "Second Card" } });
    const charge = await client.chargeCustomer({ customerKey: customer.key, paymentMethodKey: second.key, amountCents: 2500, invoice: "INV-77" });
    expect(charge).toMatchObject({ outcome: "approved", authAmountCents: 2500, invoice: "INV-77", card: { last4: "2226" } });
    expect((await client.getTransaction(charge.key)).customerKey).toBe(customer.key);
    expect((await counters()).routes["POST /transactions"]).toBe(1);
  });
});

describe("receipts", () => {
  it("decodes the standard receipt, maps an unknown template to not_found, and emails with toemail", async () => {
    const { client, control } = setup();
    const sale = await client.sale({ amountCents: 1234, card: VISA, invoice: "R-1" });
    const html = await client.getReceipt(sale.key);
    expect(html).toMatch(/^<html>/);
    expect(html).toContain(sale.refnum);
    expect(html).toContain("$12.34");
    expect(await failureOf(client.getReceipt(sale.key, { template: "no-such" }))).toMatchObject({ kind: "not_found", status: 404, upstreamCode: "20030" });
    await client.emailReceipt({ transactionKey: sale.key, toEmail: "pat@example.com" });
    expect((await control("GET", `sent-receipts/${OPERATING_KEY}`)).data).toEqual([expect.objectContaining({ transactionKey: sale.key, toemail: "pat@example.com", template: "vterm" })]);
  });
});

describe("batches", () => {
  it("reads a batch's totals (sales, refunds, voids, net), its transactions paged, and closes it", async () => {
    const { client } = setup();
    const a = await client.sale({ amountCents: 1000, card: VISA });
    const b = await client.sale({ amountCents: 2000, card: VISA });
    await client.voidTransaction({ transactionKey: b.key });
    await client.refund({ transactionKey: a.key, amountCents: 300 });
    const before = await client.getBatch("current");
    const afterA = await client.sale({ amountCents: 700, card: VISA });
    const current = await client.getBatch("current");
    expect(current.key).toBe(before.key);
    expect((current.salesCount ?? 0) - (before.salesCount ?? 0)).toBe(1);
    expect((current.salesCents ?? 0) - (before.salesCents ?? 0)).toBe(700);
    expect(current.netCents).toBe((current.salesCents ?? 0) - (current.refundsCents ?? 0));
    expect(current.totalCount).toBe((current.salesCount ?? 0) + (current.refundsCount ?? 0) + (current.voidsCount ?? 0));
    expect(current.voidsCount).toBeGreaterThanOrEqual(1);

    const firstPage = await client.listBatchTransactions("current", { limit: 2 });
    expect(firstPage.items.map((t) => t.key)).toEqual([afterA.key, expect.any(String)]);
    expect(firstPage.total).toBe(current.totalCount);
    const closing = await client.closeCurrentBatch();
    expect(closing).toMatchObject({ key: current.key, status: "closing" });
    const closed = await client.getBatch(current.key);
    expect(closed).toMatchObject({ status: "closed", netCents: current.netCents });
    const listed = (await client.listBatches({ limit: 1 })).items[0];
    expect(listed).toMatchObject({ key: current.key, status: "closed", salesCents: current.salesCents, refundsCents: current.refundsCents });
  });
});

describe("money movement: one POST per call, and an unknown outcome says so", () => {
  const moves = [
    ["refund", (c: ReturnType<typeof setup>["client"], key: string) => c.refund({ transactionKey: key, amountCents: 100 })],
    ["void", (c: ReturnType<typeof setup>["client"], key: string) => c.voidTransaction({ transactionKey: key })],
    ["capture", (c: ReturnType<typeof setup>["client"], key: string) => c.capture({ transactionKey: key })],
    ["adjust", (c: ReturnType<typeof setup>["client"], key: string) => c.adjust({ transactionKey: key, amountCents: 900 })],
    ["customer sale", (c: ReturnType<typeof setup>["client"]) => c.chargeCustomer({ customerKey: "nope", amountCents: 100 })],
  ] as const;

  for (const [name, move] of moves) {
    it(`${name}: a 5xx is one POST, no retry, flagged outcome unknown`, async () => {
      const { client, control, counters, sleeps } = setup();
      const sale = await client.sale({ amountCents: 1000, card: VISA });
      await control("POST", "faults", { kind: "http503", method: "POST", path: "/api/*/transactions" });
      const error = await failureOf(move(client, sale.key));
      expect(error).toMatchObject({ kind: "unavailable", outcomeUnknown: true });
      expect((await counters()).routes["POST /transactions"]).toBe(2);
      expect(sleeps).toEqual([]);
    });
  }

  it("a refund answered after the client's timeout: one POST, outcome unknown, reconciled by reading the original", async () => {
    const { client, control, counters } = setup({ timeoutMs: 50 });
    const sale = await client.sale({ amountCents: 4000, card: VISA });
    await control("POST", "faults", { kind: "timeout_after_processing", method: "POST", path: "/api/*/transactions", count: 1 });
    const error = await failureOf(client.refund({ transactionKey: sale.key, amountCents: 1500 }));
    expect(error.kind).toBe("network");
    expect(isOutcomeUnknown(error)).toBe(true);
    expect((await counters()).routes["POST /transactions"]).toBe(2);
    // The gateway did refund: the read shows it, so nobody refunds twice.
    const original = await client.getTransaction(sale.key);
    expect(refundPosition(original)).toEqual({ originalCents: 4000, refundedCents: 1500, remainingCents: 2500 });
    expect((await counters()).routes[`GET /transactions/${sale.key}`]).toBe(1);
  });

  it("a refusal before sending (connection refused) is not an unknown outcome", async () => {
    const { client } = setup({
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4010"), { code: "ECONNREFUSED" }) });
      },
    });
    const error = await failureOf(client.refund({ transactionKey: "aaaaaaaaaaaaaaa" }));
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: false });
  });

  it("a batch close is never retried either", async () => {
    const { client, control, counters } = setup({ timeoutMs: 50 });
    await control("POST", "faults", { kind: "timeout", method: "POST", path: "/api/*/batches/current/close" });
    expect(await failureOf(client.closeCurrentBatch())).toMatchObject({ kind: "network", outcomeUnknown: true });
    expect((await counters()).routes["POST /batches/current/close"]).toBe(1);
  });

  it("exposes both rate-limit windows from X-Rate-Limit", async () => {
    const { client } = setup();
    await client.listBatches({ limit: 1 });
    await client.listBatches({ limit: 1 });
    expect(client.lastRateLimit).toEqual({ minuteLimit: 100_000, minuteRemaining: 99_998, dayLimit: 1_000_000, dayRemaining: 999_998 });
  });
});
