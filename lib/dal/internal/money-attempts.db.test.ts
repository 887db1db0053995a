import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { GatewayError } from "@/lib/payments/http";
import { makeMerchant, makeViewer, META } from "../test-fixtures";
import { attemptGeneration, findAttemptByNonce, findBlockingAttempt, PENDING_GIVES_UP_AFTER_MS, reconcileMoneyAttempt, runMoneyAttempt, type MoneyCall } from "./money-attempts";
import { issueMoneyToken } from "./money-token";

interface FakeResult {
  refnum: string;
}

/** A refund of one transaction, with a counting fake gateway; each test gets its own account and target. */
async function setup() {
  const viewer = await makeViewer("MANAGER");
  const merchant = await makeMerchant();
  const targetKey = `txn-${Math.random().toString(36).slice(2)}`;
  const token = () => issueMoneyToken({ viewerId: viewer.id, merchantId: merchant.id, operation: "usaepay.refund", targetKey });
  const send = vi.fn(async (): Promise<FakeResult> => ({ refnum: "3100001" }));
  const applied: string[] = [];
  const call = (overrides: Partial<MoneyCall<FakeResult>> = {}): MoneyCall<FakeResult> => ({
    viewer,
    meta: META,
    merchantId: merchant.id,
    gateway: "usaepay",
    operation: "refund",
    targetKey,
    targetType: "transaction",
    token: token(),
    amountCents: 1250,
    reason: { code: "customer_request", text: "Returned the item" },
    send,
    settle: (result) => ({ status: "succeeded", resultRef: result.refnum, resultCode: "A", message: "Refunded." }),
    applyToMirror: async (_tx, result) => {
      applied.push(result.refnum);
    },
    ...overrides,
  });
  const attempts = () => db.moneyAttempt.findMany({ where: { merchantAccountId: merchant.id } });
  return { viewer, merchant, targetKey, token, send, call, applied, attempts };
}

const networkError = () => new GatewayError({ gateway: "usaepay", kind: "network", outcomeUnknown: true, cause: new Error("timed out") });

describe("money attempts", () => {
  it("calls the gateway once, records the result with the mirror update and an audit row", async () => {
    const { call, send, applied, attempts, merchant, targetKey, viewer } = await setup();
    const result = await runMoneyAttempt(call());
    expect(send).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ status: "succeeded", resultRef: "3100001", replayed: false, amountCents: 1250 });
    expect(applied).toEqual(["3100001"]);
    const [row] = await attempts();
    expect(row).toMatchObject({ status: "succeeded", blockingKey: null, actorEmail: viewer.email, ip: META.ip, reasonText: "Returned the item" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: targetKey, action: "money.usaepay.refund" } });
    expect(audit).toMatchObject({ actorId: viewer.id, ip: META.ip, outcome: "success", targetType: "transaction" });
    expect(audit.details).toMatchObject({ merchantId: merchant.id, amountCents: 1250, reasonCode: "customer_request", resultRef: "3100001", status: "succeeded" });
  });

  it("a second submit of the same token returns the first result and makes no call", async () => {
    const { call, send } = await setup();
    const form = call();
    const first = await runMoneyAttempt(form);
    const second = await runMoneyAttempt({ ...form });
    expect(send).toHaveBeenCalledTimes(1);
    expect(second).toMatchObject({ id: first.id, status: "succeeded", replayed: true });
  });

  it("two concurrent submits of one token make exactly one call", async () => {
    const { call, send, attempts } = await setup();
    let release!: () => void;
    send.mockImplementationOnce(() => new Promise<FakeResult>((resolve) => (release = () => resolve({ refnum: "3100002" }))));
    const form = call();
    const first = runMoneyAttempt(form);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    const second = await runMoneyAttempt({ ...form });
    expect(second).toMatchObject({ status: "pending", replayed: true });
    release();
    expect((await first).status).toBe("succeeded");
    expect(send).toHaveBeenCalledTimes(1);
    expect(await attempts()).toHaveLength(1);
  });

  it("a second form on the same target is refused while the first is in flight", async () => {
    const { call, send } = await setup();
    let release!: () => void;
    send.mockImplementationOnce(() => new Promise<FakeResult>((resolve) => (release = () => resolve({ refnum: "3100003" }))));
    const first = runMoneyAttempt(call());
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    await expect(runMoneyAttempt(call())).rejects.toMatchObject({ code: "money_in_flight" });
    release();
    await first;
    // Settled: the target is free again.
    expect((await runMoneyAttempt(call())).status).toBe("succeeded");
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("an unknown outcome blocks the target until a read reconciles it as not done", async () => {
    const { call, send, merchant, targetKey, viewer, applied } = await setup();
    send.mockRejectedValueOnce(networkError());
    const unknown = await runMoneyAttempt(call());
    expect(unknown.status).toBe("unknown");
    expect(unknown.message).toMatch(/not known/);
    expect(applied).toEqual([]);
    await expect(runMoneyAttempt(call())).rejects.toMatchObject({ code: "money_in_flight" });
    expect(send).toHaveBeenCalledTimes(1);
    expect((await findBlockingAttempt(merchant.id, "usaepay", targetKey))?.id).toBe(unknown.id);

    const lookup = vi.fn(async () => ({ found: false as const }));
    const settled = await reconcileMoneyAttempt({ viewer, meta: META, merchantId: merchant.id, attemptId: unknown.id, targetType: "transaction", lookup });
    expect(settled).toMatchObject({ status: "failed" });
    expect(settled.reconciledAt).not.toBeNull();
    expect(await findBlockingAttempt(merchant.id, "usaepay", targetKey)).toBeNull();
    expect((await runMoneyAttempt(call())).status).toBe("succeeded");
    expect(await db.auditEvent.count({ where: { targetId: targetKey, action: "money.usaepay.refund.reconcile" } })).toBe(1);
  });

  it("reconciling an unknown outcome that did go through records it and updates the mirror", async () => {
    const { call, send, merchant, viewer, applied } = await setup();
    send.mockRejectedValueOnce(networkError());
    const unknown = await runMoneyAttempt(call());
    const settled = await reconcileMoneyAttempt({
      viewer,
      meta: META,
      merchantId: merchant.id,
      attemptId: unknown.id,
      targetType: "transaction",
      lookup: async () => ({ found: true, result: { refnum: "3100009" }, settlement: { status: "succeeded", resultRef: "3100009", message: "Refunded." } }),
      applyToMirror: async (_tx, result) => void applied.push(result.refnum),
    });
    expect(settled).toMatchObject({ status: "succeeded", resultRef: "3100009" });
    expect(applied).toEqual(["3100009"]);
    // A second reconciliation changes nothing and writes nothing.
    const again = await reconcileMoneyAttempt({ viewer, meta: META, merchantId: merchant.id, attemptId: unknown.id, targetType: "transaction", lookup: async () => ({ found: false }) });
    expect(again.status).toBe("succeeded");
    expect(applied).toEqual(["3100009"]);
  });

  it("a failed reconciliation read leaves the attempt unknown and blocking", async () => {
    const { call, send, merchant, targetKey, viewer } = await setup();
    send.mockRejectedValueOnce(networkError());
    const unknown = await runMoneyAttempt(call());
    await expect(
      reconcileMoneyAttempt({ viewer, meta: META, merchantId: merchant.id, attemptId: unknown.id, targetType: "transaction", lookup: async () => Promise.reject(networkError()) }),
    ).rejects.toBeInstanceOf(GatewayError);
    expect((await findBlockingAttempt(merchant.id, "usaepay", targetKey))?.status).toBe("unknown");
  });

  it.each([
    ["a decline", new GatewayError({ gateway: "usaepay", kind: "declined", upstreamCode: "10" }), "declined"],
    ["a validation refusal", new GatewayError({ gateway: "usaepay", kind: "validation", status: 400 }), "failed"],
    ["a 429", new GatewayError({ gateway: "usaepay", kind: "rate_limited", status: 429 }), "failed"],
    ["our own refusal before sending", new AppError("no_credentials", "This account has no key."), "failed"],
    ["a connection refused before sending", new GatewayError({ gateway: "usaepay", kind: "network" }), "failed"],
    ["a 5xx after sending", new GatewayError({ gateway: "usaepay", kind: "unavailable", status: 502, outcomeUnknown: true }), "unknown"],
    ["a garbled answer", new GatewayError({ gateway: "usaepay", kind: "bad_shape", outcomeUnknown: true }), "unknown"],
    ["an unexpected error", new TypeError("boom"), "unknown"],
  ])("%s is recorded as %s", async (_label, error, status) => {
    const { call, send, merchant, targetKey } = await setup();
    send.mockRejectedValueOnce(error);
    expect((await runMoneyAttempt(call())).status).toBe(status);
    expect(!!(await findBlockingAttempt(merchant.id, "usaepay", targetKey))).toBe(status === "unknown");
  });

  it("refuses a token made for another target and writes nothing", async () => {
    const { call, send, attempts, viewer, merchant } = await setup();
    const other = issueMoneyToken({ viewerId: viewer.id, merchantId: merchant.id, operation: "usaepay.refund", targetKey: "someone-else" });
    await expect(runMoneyAttempt(call({ token: other }))).rejects.toMatchObject({ code: "token_forged" });
    expect(send).not.toHaveBeenCalled();
    expect(await attempts()).toHaveLength(0);
  });

  it("keeps the ClientPay request ID sealed and hands it back in clear to reconciliation", async () => {
    const { call, merchant, viewer } = await setup();
    const requestId = "rq-8c2b1f0e-secret";
    const attempt = await runMoneyAttempt(
      call({
        gateway: "clientpay",
        token: issueMoneyToken({ viewerId: viewer.id, merchantId: merchant.id, operation: "clientpay.refund", targetKey: (call().targetKey) }),
        send: async ({ rememberRequestId }) => {
          await rememberRequestId(requestId);
          throw networkError();
        },
      }),
    );
    const row = await db.moneyAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(row.requestIdSealed).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(requestId);
    const lookup = vi.fn(async () => ({ found: false as const }));
    await reconcileMoneyAttempt({ viewer, meta: META, merchantId: merchant.id, attemptId: attempt.id, targetType: "payment", lookup });
    expect(lookup).toHaveBeenCalledWith(expect.objectContaining({ requestId }));
  });

  it("a pending attempt whose process died reads as unknown once stale (injected clock) and can be reconciled", async () => {
    const { call, merchant, targetKey, viewer } = await setup();
    const started = new Date("2026-12-01T10:00:00Z");
    // The answer came but recording it failed: the row stays pending and blocking.
    await expect(
      runMoneyAttempt(call({ now: () => started, applyToMirror: async () => Promise.reject(new Error("disk full")) })),
    ).rejects.toMatchObject({ code: "money_record_failed" });
    expect((await findBlockingAttempt(merchant.id, "usaepay", targetKey, new Date(started.getTime() + 1000)))?.status).toBe("pending");
    const later = new Date(started.getTime() + PENDING_GIVES_UP_AFTER_MS + 1);
    const blocking = await findBlockingAttempt(merchant.id, "usaepay", targetKey, later);
    expect(blocking?.status).toBe("unknown");
    const settled = await reconcileMoneyAttempt({
      viewer,
      meta: META,
      merchantId: merchant.id,
      attemptId: blocking!.id,
      targetType: "transaction",
      now: () => later,
      lookup: async () => ({ found: true, result: { refnum: "3100010" }, settlement: { status: "succeeded", resultRef: "3100010", message: "Refunded." } }),
    });
    expect(settled.status).toBe("succeeded");
  });

  it("guardrails run while the attempt holds the target: a refusal is recorded as failed and nothing is sent", async () => {
    const { call, send, merchant, targetKey, attempts } = await setup();
    const refused = await runMoneyAttempt(call({ guard: async () => Promise.reject(new AppError("over_refundable", "That is more than the $5.00 still refundable.")) }));
    expect(send).not.toHaveBeenCalled();
    expect(refused).toMatchObject({ status: "failed", resultCode: "over_refundable", message: "That is more than the $5.00 still refundable. Nothing was sent." });
    // A guard that could not read the gateway is a definite "nothing sent", never "unknown".
    const unreadable = await runMoneyAttempt(call({ guard: async () => Promise.reject(networkError()) }));
    expect(unreadable).toMatchObject({ status: "failed", resultCode: "guard_error" });
    expect(await findBlockingAttempt(merchant.id, "usaepay", targetKey)).toBeNull();
    expect(await attempts()).toHaveLength(2);
    expect(await db.auditEvent.count({ where: { targetId: targetKey, action: "money.usaepay.refund", outcome: "failure" } })).toBe(2);
  });

  it("a second submit arriving while the guard reads waits behind it and replays, making no call", async () => {
    const { call, send } = await setup();
    let release!: () => void;
    const form = call({ guard: () => new Promise<void>((resolve) => (release = resolve)) });
    const first = runMoneyAttempt(form);
    await vi.waitFor(() => expect(release).toBeTypeOf("function"));
    expect(await runMoneyAttempt({ ...form })).toMatchObject({ status: "pending", replayed: true });
    release();
    expect((await first).status).toBe("succeeded");
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("a refusal the gateway answers with 200 settles as failed; the guard's and the answer's facts reach the audit row", async () => {
    const { call, targetKey } = await setup();
    const attempt = await runMoneyAttempt(
      call({
        details: { card: "Visa ••••2224" },
        guard: async () => ({ statusBefore: "P" }),
        settle: () => ({ status: "failed", resultCode: "E:10133", message: "USAePay refused it.", details: { statusAfter: "P" } }),
      }),
    );
    expect(attempt.status).toBe("failed");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: targetKey, action: "money.usaepay.refund" } });
    expect(audit.details).toMatchObject({ card: "Visa ••••2224", statusBefore: "P", statusAfter: "P", status: "failed", resultCode: "E:10133" });
    const row = await db.moneyAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(row.details).toMatchObject({ card: "Visa ••••2224", statusBefore: "P", statusAfter: "P" });
  });

  it("counts a target's attempts (the next forms' generation) and finds an attempt by its token's nonce", async () => {
    const { call, merchant, targetKey } = await setup();
    expect(await attemptGeneration(merchant.id, "usaepay", targetKey)).toBe(0);
    const form = call();
    const attempt = await runMoneyAttempt(form);
    expect(await attemptGeneration(merchant.id, "usaepay", targetKey)).toBe(1);
    expect(await findAttemptByNonce(form.token.split(".")[0]!)).toMatchObject({ id: attempt.id, replayed: true });
    expect(await findAttemptByNonce("x".repeat(24))).toBeNull();
  });
});
