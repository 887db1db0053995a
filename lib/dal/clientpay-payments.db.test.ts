import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/vault";
import { parseClientpayPaymentQuery } from "@/lib/validation/clientpay-payments";
import { checkClientpayAttempt } from "./clientpay-attempts";
import { getClientpayPaymentDetail, listClientpayPayments, refundClientpayPayment } from "./clientpay-payments";
import { clientpaySyncInFlight, syncClientpayPayments } from "./internal/clientpay-sync";
import { issueMoneyToken } from "./internal/money-token";
import { clientpayDesk, META, type ClientpayDesk } from "./test-clientpay";
import { makeViewer } from "./test-fixtures";

const refundToken = (t: ClientpayDesk, paymentId: string, viewer = t.manager) =>
  issueMoneyToken({ viewerId: viewer.id, merchantId: t.merchant.id, operation: "clientpay.refund", targetKey: paymentId });

const refund = (t: ClientpayDesk, paymentId: string, extra: { token?: string; enableRemainingAmountRefunds?: boolean; refundNote?: string; deps?: object } = {}) =>
  refundClientpayPayment(
    t.manager,
    t.slug,
    { merchant: t.slug, paymentId, token: extra.token ?? refundToken(t, paymentId), refundNote: extra.refundNote ?? "", enableRemainingAmountRefunds: extra.enableRemainingAmountRefunds ?? false },
    META,
    { ...t.deps, ...extra.deps },
  );

describe("the ClientPay payments copy", () => {
  it("fills by a documented-fields walk, answers the table's filters and totals, and picks up new and changed payments", { timeout: 60_000 }, async () => {
    const t = await clientpayDesk();
    expect(await syncClientpayPayments(t.merchant.id, { deps: t.deps })).toBe("completed");
    const held = await db.clientpayPayment.count({ where: { merchantAccountId: t.merchant.id } });
    expect(held).toBe(3000);
    const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: t.merchant.id, resource: "clientpay-payments" } } });
    expect(state).toMatchObject({ mode: "incremental", upstreamTotal: 3000, processed: 3000, status: "idle" });

    // The table's filters and totals, from the copy, agree with ClientPay's own search of the same filter.
    const list = async (params: Record<string, string>) => {
      const page = await listClientpayPayments(t.viewer, t.slug, parseClientpayPaymentQuery(params), t.deps);
      // A page view may start a background refresh of a stale copy; let it finish before going on.
      await clientpaySyncInFlight(t.merchant.id);
      return page;
    };
    const refunded = await list({ status: "Refunded", pageSize: "10" });
    const upstreamRefunded = (await t.direct("paymentsearch/count", { group: { type: "and", conditions: [{ criteria: { field: 5, operator: 1, value: "Refunded" } }] } })).body.count;
    expect(refunded.total).toBe(upstreamRefunded);
    expect(refunded.items.every((payment) => payment.status === "Refunded")).toBe(true);
    expect(refunded.totals.refundedCents).toBe(refunded.totals.collectedCents);
    const sample = refunded.items[0]!;
    const bySurname = await list({ q: sample.payerName!.split(" ").at(-1)! });
    expect(bySurname.items.every((payment) => `${payment.payerName} ${payment.payerEmail}`.toLowerCase().includes(sample.payerName!.split(" ").at(-1)!.toLowerCase()))).toBe(true);
    const echeckBig = await list({ method: "eCheck", min: "500", sort: "amount", dir: "asc", pageSize: "100" });
    expect(echeckBig.items.every((payment) => payment.method === "eCheck" && payment.amountCents >= 50_000)).toBe(true);
    expect(echeckBig.items.map((payment) => payment.amountCents)).toEqual([...echeckBig.items.map((payment) => payment.amountCents)].sort((a, b) => a - b));
    const all = await list({});
    expect(all.total).toBe(3000);
    expect(Object.values(all.totals.byStatus).reduce((sum, group) => sum + group.count, 0)).toBe(3000);

    // Payments made elsewhere, and a settlement of one the copy holds: the next (incremental) run sees all.
    const settling = await t.payDirectly(1_234);
    expect(await syncClientpayPayments(t.merchant.id, { deps: t.deps })).toBe("completed");
    expect((await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId: settling } } })).isSettled).toBe(false);
    const fresh = await t.payDirectly(4_321);
    const unsettled = { paymentId: settling };
    await t.control("POST", "settle", { paymentId: unsettled.paymentId });
    const before = await t.calls("paymentsearch/results");
    expect(await syncClientpayPayments(t.merchant.id, { deps: t.deps })).toBe("completed");
    expect(await t.calls("paymentsearch/results")).toBeLessThanOrEqual(before + 3);
    expect(await db.clientpayPayment.count({ where: { merchantAccountId: t.merchant.id } })).toBe(3002);
    expect(await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId: fresh } } })).toMatchObject({ amountCents: 4_321, status: "Approved", isSettled: false });
    expect((await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId: unsettled.paymentId } } })).isSettled).toBe(true);
    // Payers seen on payments are now payers Paydesk knows.
    expect(await db.clientpayPayer.count({ where: { merchantAccountId: t.merchant.id, source: "payments" } })).toBeGreaterThan(0);
    // No request ID is kept in the clear: only digests.
    const rows = await db.clientpayPayment.findMany({ where: { merchantAccountId: t.merchant.id }, orderBy: { paidAt: "desc" }, take: 20 });
    const stored = JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? String(value) : value));
    for (const row of rows) {
      const requestId = (await t.control("GET", `payments/${row.paymentId}`)).requestID as string;
      expect(stored).not.toContain(requestId);
      expect(row.requestIdHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("an access ID that ClientPay refused is recorded as replaced at once, and the run fails with what to do", async () => {
    const t = await clientpayDesk();
    await t.send("POST", "/v2/token/accessid", { integratorKey: "paydesk-sandbox-integrator", accountKey: "sandbox-operating", accountPin: "1111" });
    expect(await syncClientpayPayments(t.merchant.id, { deps: t.deps })).toBe("failed");
    expect((await db.clientpayAccessId.findUniqueOrThrow({ where: { merchantAccountId: t.merchant.id } })).state).toBe("replaced");
    const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: t.merchant.id, resource: "clientpay-payments" } } });
    expect(state.lastError).toMatch(/replaced by a newer one.*Recover/);
    expect(await db.auditEvent.count({ where: { targetId: t.merchant.id, action: "access_id.rejected" } })).toBe(1);
  });
});

describe("refund and void of a ClientPay payment", () => {
  it("voids an unsettled payment and refunds a settled one, once each, with the request ID sealed and never reusable", async () => {
    const t = await clientpayDesk();
    const unsettled = await t.payDirectly(2_000);
    const settled = await t.payDirectly(3_000);
    await t.control("POST", "settle", { paymentId: settled });

    const before = await getClientpayPaymentDetail(t.manager, t.slug, unsettled, t.deps);
    expect(before).toMatchObject({ source: "live", plan: { allowed: true, action: "void", amountCents: 2_000 } });
    expect(before.refundToken).toEqual(expect.any(String));
    const voided = await refund(t, unsettled, { token: before.refundToken! });
    expect(voided).toMatchObject({ status: "succeeded", resultCode: "Void", replayed: false, message: expect.stringMatching(/^Voided/) });

    const settledView = await getClientpayPaymentDetail(t.manager, t.slug, settled, t.deps);
    expect(settledView.plan).toMatchObject({ allowed: true, action: "refund", amountCents: 3_000, remainingOnly: false });
    const token = settledView.refundToken!;
    const refunded = await refund(t, settled, { token, refundNote: "Paid twice" });
    expect(refunded).toMatchObject({ status: "succeeded", resultCode: "Refund", resultRef: expect.stringMatching(/^\d+$/) });

    // The same form again: the first attempt's answer, and no second call.
    const replay = await refund(t, settled, { token, refundNote: "Paid twice" });
    expect(replay).toMatchObject({ id: refunded.id, replayed: true, status: "succeeded" });
    expect(await t.calls("payment/refund")).toBe(2);

    // The local copy shows both at once.
    expect(await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId: unsettled } } })).toMatchObject({ status: "Voided" });
    expect(await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId: settled } } })).toMatchObject({ status: "Refunded", refundedCents: 3_000 });
    const after = await getClientpayPaymentDetail(t.viewer, t.slug, settled, t.deps);
    expect(after.plan).toMatchObject({ allowed: false, code: "refunded" });
    expect(after.payment.refunds).toMatchObject([{ action: "Refund", amountCents: 3_000, refundNote: "Paid twice" }]);
    expect(after.refundToken).toBeNull();

    // The request ID: sealed on the attempt, the one ClientPay recorded, fresh per call, refused when replayed.
    const row = await db.moneyAttempt.findUniqueOrThrow({ where: { id: refunded.id } });
    const sealedId = openSecret(row.requestIdSealed!, "MoneyAttempt", row.id, "requestId");
    expect(row.requestIdSealed).not.toContain(sealedId);
    const upstream = await t.control("GET", `payments/${settled}`);
    expect(upstream.refunds[0].requestID).toBe(sealedId);
    const voidId = openSecret((await db.moneyAttempt.findUniqueOrThrow({ where: { id: voided.id } })).requestIdSealed!, "MoneyAttempt", voided.id, "requestId");
    expect(voidId).not.toBe(sealedId);
    const counters = await t.counters();
    expect(counters.requestIds).toMatchObject({ replaysRefused: 0 });
    expect(counters.requestIds.consumed).toBe(counters.requestIds.issued);
    const replayed = await t.direct("payment/refund", { token: { requestId: sealedId }, paymentId: settled });
    expect(replayed.status).toBe(400);
    expect((await t.counters()).requestIds.replaysRefused).toBe(1);
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { targetId: settled } }))).not.toContain(sealedId);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: settled, action: "money.clientpay.refund" } });
    expect(audit).toMatchObject({ actorId: t.manager.id, ip: META.ip, outcome: "success" });
    expect(audit.details).toMatchObject({ merchantId: t.merchant.id, amountCents: 3_000, reasonText: "Paid twice", resultCode: "Refund", expected: "refund" });
  });

  it("a partly refunded payment is refunded for what remains only when staff confirm it, with enableRemainingAmountRefunds", async () => {
    const t = await clientpayDesk();
    const paymentId = await t.payDirectly(10_000);
    await t.control("POST", "payments/partial-refund", { paymentId, amount: 25, note: "Refunded in the web app" });
    const view = await getClientpayPaymentDetail(t.manager, t.slug, paymentId, t.deps);
    expect(view.plan).toMatchObject({ allowed: true, action: "refund", amountCents: 7_500, remainingOnly: true });
    await expect(refund(t, paymentId)).rejects.toMatchObject({ code: "refund_refused", userMessage: expect.stringContaining("Refund the remaining amount") });
    expect(await t.calls("payment/refund")).toBe(0);
    expect(await db.moneyAttempt.count({ where: { merchantAccountId: t.merchant.id } })).toBe(0);
    expect(await refund(t, paymentId, { enableRemainingAmountRefunds: true })).toMatchObject({ status: "succeeded", resultCode: "Refund", amountCents: 7_500 });
    expect(await t.control("GET", `payments/${paymentId}`)).toMatchObject({ paymentStatus: "Refunded", refundedAmount: 100 });
  });

  it("an unknown outcome blocks the payment until a search by its request ID settles it", async () => {
    const t = await clientpayDesk();
    const paymentId = await t.payDirectly(5_000);
    await t.control("POST", "hold", { path: "/v2/payment/refund", count: 1 });
    const unknown = await refund(t, paymentId, { deps: { timeoutMs: 300 } });
    expect(unknown.status).toBe("unknown");
    await t.control("DELETE", "hold");
    // ClientPay acted on it: a second refund is not even attempted until the first is checked.
    await expect(refund(t, paymentId)).rejects.toMatchObject({ code: "money_in_flight" });
    expect(await t.calls("payment/refund")).toBe(1);
    const detail = await getClientpayPaymentDetail(t.manager, t.slug, paymentId, t.deps);
    expect(detail.blocking?.id).toBe(unknown.id);
    expect(detail.refundToken).toBeNull();
    const checked = await checkClientpayAttempt(t.manager, t.slug, unknown.id, META, t.deps);
    expect(checked).toMatchObject({ status: "succeeded", resultCode: "Void", message: expect.stringContaining("Checked with the payment service") });
    expect(await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId } } })).toMatchObject({ status: "Voided" });
    expect(await t.calls("payment/refund")).toBe(1);
  });

  it("an unknown outcome that ClientPay never acted on is checked as failed and frees the payment", async () => {
    const t = await clientpayDesk();
    const paymentId = await t.payDirectly(5_000);
    // A fault answers before the handler runs: ClientPay changes nothing, but the 504 leaves it unknown to us.
    await t.control("POST", "faults", { kind: "http503", path: "/v2/payment/refund", count: 1 });
    expect((await refund(t, paymentId)).status).toBe("unknown");
    const attempt = await db.moneyAttempt.findFirstOrThrow({ where: { merchantAccountId: t.merchant.id, targetKey: paymentId } });
    expect(await checkClientpayAttempt(t.manager, t.slug, attempt.id, META, t.deps)).toMatchObject({ status: "failed" });
    expect(await refund(t, paymentId)).toMatchObject({ status: "succeeded", resultCode: "Void" });
  });

  it("a replaced access ID mid-refund is stored as replaced at once; nothing is sent; the message says Recover", async () => {
    const t = await clientpayDesk();
    const paymentId = await t.payDirectly(1_500);
    const token = refundToken(t, paymentId);
    expect((await getClientpayPaymentDetail(t.manager, t.slug, paymentId, t.deps)).source).toBe("live");
    await t.send("POST", "/v2/token/accessid", { integratorKey: "paydesk-sandbox-integrator", accountKey: "sandbox-operating", accountPin: "1111" });
    await expect(refund(t, paymentId, { token })).rejects.toMatchObject({ userMessage: expect.stringMatching(/replaced by a newer one.*Recover.*Nothing was sent/) });
    expect((await db.clientpayAccessId.findUniqueOrThrow({ where: { merchantAccountId: t.merchant.id } })).state).toBe("replaced");
    expect(await t.calls("payment/refund")).toBe(0);
    const detail = await getClientpayPaymentDetail(t.manager, t.slug, paymentId, t.deps);
    expect(detail).toMatchObject({ source: "mirror", access: { usable: true, state: "replaced" } });
  });

  it("only managers and admins may refund, and only on accounts granted to them", async () => {
    const t = await clientpayDesk();
    const paymentId = await t.payDirectly(1_000);
    await expect(refundClientpayPayment(t.viewer, t.slug, { merchant: t.slug, paymentId, token: refundToken(t, paymentId, t.viewer), refundNote: "", enableRemainingAmountRefunds: false }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    const outsider = await makeViewer("MANAGER");
    await expect(getClientpayPaymentDetail(outsider, t.slug, paymentId, t.deps)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    expect((await getClientpayPaymentDetail(t.viewer, t.slug, paymentId, t.deps)).refundToken).toBeNull();
    // A token issued to another person does not work for this one.
    await expect(refund(t, paymentId, { token: refundToken(t, paymentId, t.admin) })).rejects.toMatchObject({ code: "token_forged" });
    expect(await t.calls("payment/refund")).toBe(0);
  });
});
