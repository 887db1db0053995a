import { describe, expect, it } from "vitest";
import { type HttpLogger, type RateLimitInfo } from "../http";
import { createUsaepayEmulator, type UsaepayEmulatorOptions } from "@/sandbox/usaepay";
import { createUsaepayClient, type UsaepayClientOptions } from "./client";
import { transactionFailure } from "./errors";
import { clientAgainst, failureOf, OPERATING_KEY, OPERATING_PIN, VISA } from "./test-harness";

function setup(options: { emulator?: UsaepayEmulatorOptions; client?: Partial<UsaepayClientOptions> } = {}) {
  const emulator = createUsaepayEmulator({ anchorDate: "2026-01-15T00:00:00Z", ratePerMinute: 100_000, ratePerDay: 1_000_000, ...options.emulator });
  return { emulator, ...clientAgainst(emulator, options.client) };
}

describe("USAePay client against the emulator", () => {
  it("maps a page of transactions to domain types with integer cents and rate-limit figures", async () => {
    const seen: RateLimitInfo[] = [];
    const { client } = setup({ client: { onRateLimit: (info) => seen.push(info) } });
    const page = await client.listTransactions({ limit: 50 });
    expect(page.items).toHaveLength(50);
    expect(page.total).toBe(104_000);
    expect(page.rateLimit).toMatchObject({ minuteLimit: 100_000, minuteRemaining: 99_999, dayLimit: 1_000_000 });
    expect(seen).toHaveLength(1);
    const tx = page.items.find((t) => t.card && t.outcome === "approved");
    expect(Number.isInteger(tx?.amountCents)).toBe(true);
    expect(tx?.card?.last4).toMatch(/^\d{4}$/);
    expect(tx?.createdAt).toMatch(/^2026-01-1\dT/);
    expect(client.lastRateLimit?.minuteRemaining).toBe(99_999);
  });

  it("returns a decline as a result (HTTP 200, result D), convertible to a declined GatewayError", async () => {
    const { client } = setup();
    const result = await client.sale({ amountCents: 1500, card: { number: "4000300211112228", expiration: "0930", cvc: "999" } });
    expect(result).toMatchObject({ outcome: "declined", resultCode: "D", errorCode: 10205 });
    expect(result.key).toBeTruthy();
    const error = transactionFailure(result);
    expect(error?.kind).toBe("declined");
    expect(error?.retryable).toBe(false);
  });

  it("runs sale → refund → void flows with cents in and out", async () => {
    const { client } = setup();
    const sale = await client.sale({ amountCents: 2999, taxCents: 250, tipCents: 150, card: VISA, invoice: "INV-9" });
    expect(sale).toMatchObject({ outcome: "approved", authAmountCents: 2999, invoice: "INV-9" });
    const refund = await client.refund({ transactionKey: sale.key, amountCents: 999 });
    expect(refund).toMatchObject({ outcome: "approved", authAmountCents: 999, typeLabel: "Credit Card Refund (Credit)" });
    const voided = await client.voidTransaction({ transactionKey: refund.key });
    expect(voided.key).toBe(refund.key);
    expect((await client.getTransaction(refund.key)).statusCode).toBe("V");
    const auth = await client.authorize({ amountCents: 5000, card: VISA });
    const captured = await client.capture({ transactionKey: auth.key, amountCents: 4500 });
    expect(captured.key).toBe(auth.key);
    expect((await client.getTransaction(auth.key)).amountCents).toBe(4500);
    const check = await client.checkSale({ amountCents: 1000, check: { routing: "123456789", account: "324523524" } });
    expect(check.outcome).toBe("approved");
  });

  it("walks every page with the async iterator, crossing the 1000-row clamp", async () => {
    const { client, calls } = setup();
    const seenKeys = new Set<string>();
    let pages = 0;
    for await (const page of client.iterateCustomers({ pageSize: 5000 })) {
      pages += 1;
      expect(page.limit).toBe(1000);
      for (const customer of page.items) seenKeys.add(customer.key);
    }
    expect(pages).toBe(3);
    expect(seenKeys.size).toBe(2600);
    expect(await calls()).toBe(3);
  });

  it("reads batches and settles the open one on close", async () => {
    const { client } = setup();
    const sale = await client.sale({ amountCents: 700, card: VISA });
    const current = await client.getBatch("current");
    expect(current.status).toBe("open");
    expect(sale.batch?.key).toBe(current.key);
    const closed = await client.closeCurrentBatch();
    expect(closed.status).toBe("closing");
    expect((await client.getTransaction(sale.key)).statusCode).toBe("S");
    const list = await client.listBatches({ limit: 2 });
    expect(list.items[0]?.status).toBe("closed");
    const inBatch = await client.listBatchTransactions(current.key, { limit: 1000 });
    expect(inBatch.items.some((t) => t.key === sale.key)).toBe(true);
  });

  it("manages customers and their masked payment methods", async () => {
    const { client } = setup();
    const customer = await client.createCustomer({ firstName: "Grace", lastName: "Hopper", email: "grace@example.com" });
    const method = await client.addPaymentMethod(customer.key, { card: { ...VISA, cardholder: "Grace Hopper" } });
    // Payment methods carry only the last four digits; there is no masked number to show.
    expect(method).toMatchObject({ kind: "card", last4: "2224" });
    expect(method.maskedNumber).toBeUndefined();
    const updated = await client.updateCustomer(customer.key, { city: "Arlington" });
    expect(updated.address.city).toBe("Arlington");
    const charged = await client.chargeCustomer({ customerKey: customer.key, amountCents: 1234 });
    expect(charged.authAmountCents).toBe(1234);
    expect((await client.listCustomerTransactions(customer.key)).items[0]?.key).toBe(charged.key);
    expect((await client.getCustomer(customer.key)).paymentMethods).toHaveLength(1);
    await client.deletePaymentMethod(customer.key, method.key);
    await client.deleteCustomer(customer.key);
    const missing = await failureOf(client.getCustomer(customer.key));
    expect(missing).toMatchObject({ kind: "not_found", status: 404, upstreamCode: "40030" });
  });

  it("accepts a base URL with an endpoint key instead of v2", async () => {
    const { emulator } = setup();
    const client = createUsaepayClient({ baseUrl: "https://sandbox.usaepay.com/api/ab12cd", apiKey: OPERATING_KEY, pin: OPERATING_PIN, fetch: (u, i) => emulator.app.request(u, i) });
    const page = await client.listBatches({ limit: 1 });
    expect(page.items).toHaveLength(1);
  });
});

describe("USAePay client error mapping for every injectable fault", () => {
  it("maps HTTP 500 and 503 to unavailable (retryable) and retries reads until they pass", async () => {
    const { client, control, calls, sleeps } = setup();
    await control("POST", "faults", { kind: "http500", path: "/api/*/batches", count: 1 });
    await control("POST", "faults", { kind: "http503", path: "/api/*/batches", count: 1 });
    const page = await client.listBatches({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(await calls()).toBe(3);
    expect(sleeps).toEqual([125, 250]);

    await control("POST", "faults", { kind: "http503", path: "/api/*/batches" });
    const error = await failureOf(client.listBatches());
    expect(error).toMatchObject({ kind: "unavailable", status: 503, retryable: true });
  });

  it("maps a held request (timeout fault) to network", async () => {
    const { client, control } = setup({ client: { timeoutMs: 100, retry: { maxAttempts: 1 } } });
    await control("POST", "faults", { kind: "timeout", path: "/api/*/transactions" });
    const error = await failureOf(client.listTransactions());
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect(error.userMessage).toMatch(/did not answer in time/);
  });

  it("maps malformed JSON to bad_shape", async () => {
    const { client, control } = setup();
    await control("POST", "faults", { kind: "malformed", path: "/api/*/customers" });
    const error = await failureOf(client.listCustomers());
    expect(error).toMatchObject({ kind: "bad_shape", retryable: false });
  });

  it("maps 429 to rate_limited with the X-Rate-Limit figures and Retry-After", async () => {
    const { client } = setup({ emulator: { ratePerMinute: 1 }, client: { retry: { maxRetryAfterMs: 0 } } });
    await client.listBatches({ limit: 1 });
    const error = await failureOf(client.listBatches({ limit: 1 }));
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, upstreamCode: "155", retryable: true });
    expect(error.rateLimit).toMatchObject({ minuteLimit: 1, minuteRemaining: 0 });
    expect(error.rateLimit?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("maps IP blocks (156) and authentication failures (21002, 23)", async () => {
    const { emulator, control } = setup();
    await control("PUT", `keys/${OPERATING_KEY}`, { ipAllowList: ["10.9.9.9"] });
    const blocked = createUsaepayClient({ baseUrl: "http://e/api/v2/", apiKey: OPERATING_KEY, pin: OPERATING_PIN, fetch: (u, i) => emulator.app.request(u, i) });
    expect(await failureOf(blocked.listBatches())).toMatchObject({ kind: "ip_blocked", upstreamCode: "156", retryable: false });
    const wrongPin = createUsaepayClient({ baseUrl: "http://e/api/v2/", apiKey: "PDdemoTrust000000000000000000002", pin: "0000", fetch: (u, i) => emulator.app.request(u, i) });
    expect(await failureOf(wrongPin.listBatches())).toMatchObject({ kind: "authentication", upstreamCode: "21002", status: 401 });
    const unknown = createUsaepayClient({ baseUrl: "http://e/api/v2/", apiKey: "nope", pin: "0000", fetch: (u, i) => emulator.app.request(u, i) });
    expect(await failureOf(unknown.listBatches())).toMatchObject({ kind: "authentication", upstreamCode: "23" });
  });

  it("maps unknown batch keys to not_found", async () => {
    const { client } = setup();
    expect(await failureOf(client.getBatch("zzzzzzzzzzzzzzz"))).toMatchObject({ kind: "not_found", upstreamCode: "47" });
  });
});

describe("money movement is never retried", () => {
  for (const [name, run] of [
    ["sale", (c: ReturnType<typeof setup>["client"]) => c.sale({ amountCents: 100, card: VISA })],
    ["refund", (c: ReturnType<typeof setup>["client"]) => c.refund({ transactionKey: "aaaaaaaaaaaaaaa" })],
    ["void", (c: ReturnType<typeof setup>["client"]) => c.voidTransaction({ transactionKey: "aaaaaaaaaaaaaaa" })],
    ["capture", (c: ReturnType<typeof setup>["client"]) => c.capture({ transactionKey: "aaaaaaaaaaaaaaa" })],
    ["batch close", (c: ReturnType<typeof setup>["client"]) => c.closeCurrentBatch()],
  ] as const) {
    it(`${name}: one call on a 503, no retry`, async () => {
      const { client, control, calls, sleeps } = setup();
      await control("POST", "faults", { kind: "http503", method: "POST" });
      const error = await failureOf(run(client));
      expect(error.kind).toBe("unavailable");
      expect(await calls()).toBe(1);
      expect(sleeps).toEqual([]);
    });
  }

  it("sale: one call on a timeout, no retry", async () => {
    const { client, control, calls } = setup({ client: { timeoutMs: 80 } });
    await control("POST", "faults", { kind: "timeout", method: "POST" });
    const error = await failureOf(client.sale({ amountCents: 100, card: VISA }));
    expect(error.kind).toBe("network");
    expect(await calls()).toBe(1);
  });
});

describe("secrets stay out of logs and errors", () => {
  it("never writes the API key, PIN or Authorization header to a log line or error", async () => {
    const lines: string[] = [];
    const logger: HttpLogger = {
      debug: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
      warn: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
    };
    const { client, control } = setup({ client: { logger, retry: { maxAttempts: 2 } } });
    await client.listTransactions({ limit: 1 });
    await control("POST", "faults", { kind: "http503" });
    const error = await failureOf(client.getCustomer(OPERATING_KEY));
    const everything = [...lines, error.message, error.userMessage, String(error.cause ?? "")].join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(everything).not.toContain(OPERATING_KEY);
    expect(everything).not.toContain(Buffer.from(OPERATING_KEY).toString("base64").slice(0, 20));
    expect(everything).not.toMatch(/Basic\s+[A-Za-z0-9+/=]{20,}/);
    expect(everything).toContain("[redacted]");
  });
});
