import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { receiveClientpayPostback } from "@/lib/inbound/clientpay-postback";
import { createPaymentRequestSchema } from "@/lib/validation/payment-requests";
import { checkClientpayAttempt } from "./clientpay-attempts";
import { getClientpayPaymentDetail } from "./clientpay-payments";
import { openPageRequestId } from "./internal/clientpay-pages";
import { checkPaymentRequest, createPaymentRequest, expirePaymentRequest, getPaymentRequest, listPaymentRequests, prepareNewPaymentRequest } from "./payment-requests";
import { clientpayDesk, META, type ClientpayDesk } from "./test-clientpay";

const form = (t: ClientpayDesk, prepared: { draftKey: string; token: string }, overrides: Record<string, string> = {}) =>
  createPaymentRequestSchema.parse({
    merchant: t.slug,
    token: prepared.token,
    draftKey: prepared.draftKey,
    payerName: "Rosa Delgado",
    payerEmail: "rosa@example.com",
    invoice0Number: "INV-2026-9001",
    invoice0Date: "2026-02-10",
    invoice0Amount: "1,250.00",
    invoice1Number: "INV-2026-9002",
    invoice1Date: "2026-02-12",
    invoice1Amount: "250",
    dueDate: "2026-03-15",
    note: "Thank you for your business",
    validDays: "14",
    enablePayerSaving: "on",
    sendReceipt: "on",
    ...overrides,
  });

async function newRequest(t: ClientpayDesk, overrides: Record<string, string> = {}) {
  const prepared = await prepareNewPaymentRequest(t.manager, t.slug);
  const input = form(t, prepared, overrides);
  const created = await createPaymentRequest(t.manager, t.slug, input, META, t.deps);
  return { ...created, input };
}

const pageOf = async (pageId: string) => {
  const row = await db.clientpayPage.findUniqueOrThrow({ where: { id: pageId } });
  return { row, clientpayId: openPageRequestId(row) };
};

describe("payment requests (invoice payment pages)", () => {
  it("creates one page per form, with the invoices, options and a postback address only ClientPay holds", async () => {
    const t = await clientpayDesk();
    const prepared = await prepareNewPaymentRequest(t.manager, t.slug);
    const input = form(t, prepared);
    const first = await createPaymentRequest(t.manager, t.slug, input, META, t.deps);
    expect(first.attempt).toMatchObject({ status: "succeeded", operation: "payment_page", amountCents: 150_000 });
    const again = await createPaymentRequest(t.manager, t.slug, input, META, t.deps);
    expect(again).toMatchObject({ pageId: first.pageId, attempt: { replayed: true } });
    expect(await t.calls("paymentpage/invoice")).toBe(1);

    const { row, clientpayId } = await pageOf(first.pageId!);
    expect(row.hostedUrl).toBe(`https://app.sandbox.clientpay.com/app/api/#/invoicePaymentPage/${clientpayId}`);
    expect(row.requestIdSealed).not.toContain(clientpayId);
    const upstream = await t.control("GET", `pages/${clientpayId}`);
    expect(upstream).toMatchObject({ status: "Active", amountCents: 150_000, kind: "invoice" });
    const sent = upstream.body;
    expect(sent.pageOptions).toMatchObject({ headerText: expect.stringContaining(t.merchant.name), subHeaderText: "Thank you for your business", duration: 14 * 86_400, enablePayerSaving: true });
    expect(sent.emailOptions).toEqual({ sendReceiptToPayer: true, receiptEmails: [] });
    expect(sent.invoices).toMatchObject([
      { invoiceNumber: "INV-2026-9001", outstandingBalance: 1250, dueDate: "2026-03-15", editable: false },
      { invoiceNumber: "INV-2026-9002", outstandingBalance: 250 },
    ]);
    const address = new URL(sent.responseOptions.serverSideReturnAddress);
    expect(address.pathname).toBe(`/api/clientpay/postback/${first.pageId}`);
    expect(row.postbackTokenHash).not.toBe(address.searchParams.get("t"));
    expect(JSON.stringify(row)).not.toContain(address.searchParams.get("t"));

    const listed = await listPaymentRequests(t.viewer, t.slug, { q: "delgado", status: "open", sort: "created", dir: "desc", page: 1, pageSize: 25 });
    expect(listed.items.map((item) => item.id)).toEqual([first.pageId]);
    expect(listed.items[0]).toMatchObject({ status: "open", amountCents: 150_000, invoices: [{ invoiceNumber: "INV-2026-9001" }, { invoiceNumber: "INV-2026-9002" }] });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "money.clientpay.payment_page", actorId: t.manager.id } });
    expect(audit.details).toMatchObject({ pageId: first.pageId, amountCents: 150_000, status: "succeeded" });
  });

  it("is paid through the emulator: the verified postback re-reads ClientPay, links the payment, once", async () => {
    const t = await clientpayDesk();
    const { pageId } = await newRequest(t);
    const { clientpayId } = await pageOf(pageId!);
    const paid = await t.control("POST", `pages/${clientpayId}/pay`, { payerName: "Rosa Delgado", payerEmail: "rosa@example.com" });
    expect(paid).toMatchObject({ paymentStatus: "Approved" });
    // Both messages reached the receiver: Processing (nothing to do yet) and the result.
    expect(t.delivered).toEqual([{ pageId, status: 200 }, { pageId, status: 200 }]);

    const detail = await getPaymentRequest(t.viewer, t.slug, pageId!);
    expect(detail.request).toMatchObject({ status: "paid", paymentId: paid.paymentID });
    expect(detail.payment).toMatchObject({ paymentId: paid.paymentID, amountCents: 150_000, payerName: "Rosa Delgado", invoiceNumbers: ["INV-2026-9001", "INV-2026-9002"] });
    const payment = await getClientpayPaymentDetail(t.viewer, t.slug, paid.paymentID, t.deps);
    expect(payment.request).toEqual({ id: pageId, status: "paid" });
    expect(await db.auditEvent.count({ where: { action: "payment_request.paid", targetId: pageId! } })).toBe(1);

    // ClientPay retrying the same message (the control plane lists it) changes nothing.
    const [delivery] = (await t.control("GET", "postbacks")).postbacks.filter((entry: { message: string }) => entry.message === "result");
    expect(delivery.url).toContain("?[redacted]");
    const row = await db.clientpayPage.findUniqueOrThrow({ where: { id: pageId! } });
    const token = new URL((await t.control("GET", `pages/${clientpayId}`)).body.responseOptions.serverSideReturnAddress).searchParams.get("t")!;
    expect(await receiveClientpayPostback({ pageId: pageId!, token, headers: new Headers() }, t.deps)).toMatchObject({ status: 200 });
    expect(await db.auditEvent.count({ where: { action: "payment_request.paid", targetId: pageId! } })).toBe(1);
    expect((await db.clientpayPage.findUniqueOrThrow({ where: { id: pageId! } })).paidAt).toEqual(row.paidAt);
  });

  it("drops a forged postback, and never believes a body: only ClientPay's own answer marks a request paid", async () => {
    const t = await clientpayDesk();
    const { pageId } = await newRequest(t);
    const searches = await t.calls("paymentsearch/results");
    expect(await receiveClientpayPostback({ pageId: pageId!, token: "x".repeat(43), headers: new Headers() }, t.deps)).toMatchObject({ status: 404 });
    expect(await receiveClientpayPostback({ pageId: "no-such-page", token: "x".repeat(43), headers: new Headers() }, t.deps)).toMatchObject({ status: 404 });
    expect(await t.calls("paymentsearch/results")).toBe(searches);
    // The right token but nothing paid: the re-read finds no payment, so the request stays open.
    const { clientpayId } = await pageOf(pageId!);
    const token = new URL((await t.control("GET", `pages/${clientpayId}`)).body.responseOptions.serverSideReturnAddress).searchParams.get("t")!;
    expect(await receiveClientpayPostback({ pageId: pageId!, token, headers: new Headers() }, t.deps)).toMatchObject({ status: 200 });
    expect((await getPaymentRequest(t.viewer, t.slug, pageId!)).request.status).toBe("open");
  });

  it("without a postback, 'Check with ClientPay' (a search by the page's request ID) finds the payment", async () => {
    const t = await clientpayDesk({ postbacks: "drop" });
    const { pageId } = await newRequest(t);
    const { clientpayId } = await pageOf(pageId!);
    await t.control("POST", `pages/${clientpayId}/pay`, { cardNumber: "4000000000000002" });
    expect(await checkPaymentRequest(t.viewer, t.slug, pageId!, META, t.deps)).toMatchObject({ message: "ClientPay has no approved payment on this request yet." });
    const paid = await t.control("POST", `pages/${clientpayId}/pay`, { eCheck: true });
    expect((await getPaymentRequest(t.viewer, t.slug, pageId!)).request.status).toBe("open");
    expect(await checkPaymentRequest(t.viewer, t.slug, pageId!, META, t.deps)).toEqual({ status: "success", message: `Paid: payment ${paid.paymentID}.` });
    expect(await getPaymentRequest(t.viewer, t.slug, pageId!)).toMatchObject({ request: { status: "paid", paymentId: paid.paymentID }, payment: { method: "eCheck" } });
  });

  it("expires a request at ClientPay; its link no longer takes a payment; paid ones cannot be expired", async () => {
    const t = await clientpayDesk();
    const { pageId } = await newRequest(t);
    await expect(expirePaymentRequest(t.viewer, t.slug, pageId!, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    expect(await expirePaymentRequest(t.manager, t.slug, pageId!, META, t.deps)).toMatchObject({ status: "success", message: expect.stringContaining("expired") });
    const { clientpayId } = await pageOf(pageId!);
    expect((await t.control("GET", `pages/${clientpayId}`)).status).toBe("Expired");
    expect((await t.send("POST", `/__sandbox/clientpay/pages/${clientpayId}/pay`, {})).status).toBe(400);
    expect((await getPaymentRequest(t.viewer, t.slug, pageId!)).request).toMatchObject({ status: "expired", closedByEmail: t.manager.email });

    const other = await newRequest(t);
    await t.control("POST", `pages/${(await pageOf(other.pageId!)).clientpayId}/pay`, {});
    await expect(expirePaymentRequest(t.manager, t.slug, other.pageId!, META, t.deps)).rejects.toMatchObject({ code: "already_paid" });
  });

  it("a failed expiry says the link still works, changes nothing and is audited with its reason", async () => {
    const t = await clientpayDesk();
    const { pageId } = await newRequest(t);
    await t.control("POST", "faults", { kind: "http503", path: "/v2/expirepage" });
    await expect(expirePaymentRequest(t.manager, t.slug, pageId!, META, t.deps)).rejects.toMatchObject({ userMessage: expect.stringMatching(/unavailable.*The link still works\./) });
    await t.control("DELETE", "faults");
    expect((await getPaymentRequest(t.viewer, t.slug, pageId!)).request.status).toBe("open");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "payment_request.expire", targetId: pageId! } });
    expect(audit).toMatchObject({ outcome: "failure", actorId: t.manager.id });
    expect(audit.details).toMatchObject({ reason: "unavailable_503", merchantId: t.merchant.id });
  });

  it("an unknown page creation is checked by expiring the page whose link never arrived", async () => {
    const t = await clientpayDesk();
    await t.control("POST", "hold", { path: "/v2/paymentpage/invoice", count: 1 });
    const prepared = await prepareNewPaymentRequest(t.manager, t.slug);
    const created = await createPaymentRequest(t.manager, t.slug, form(t, prepared), META, { ...t.deps, timeoutMs: 300 });
    await t.control("DELETE", "hold");
    expect(created).toMatchObject({ pageId: null, attempt: { status: "unknown" } });
    expect(await db.clientpayPage.count({ where: { merchantAccountId: t.merchant.id } })).toBe(0);
    const checked = await checkClientpayAttempt(t.manager, t.slug, created.attempt.id, META, t.deps);
    expect(checked).toMatchObject({ status: "failed", message: expect.stringContaining("the page was expired") });
    const { pages } = await t.control("GET", "pages?account=operating");
    const stray = pages.find((page: { status: string; amountCents: number }) => page.amountCents === 150_000);
    expect(stray.status).toBe("Expired");
  });

  it("refuses bad input with field messages and sends nothing", async () => {
    const t = await clientpayDesk();
    const prepared = await prepareNewPaymentRequest(t.manager, t.slug);
    const result = createPaymentRequestSchema.safeParse({ merchant: t.slug, token: prepared.token, draftKey: prepared.draftKey, payerName: "", payerEmail: "nope", invoice0Number: "A-1", invoice0Date: "2026-02-30", invoice0Amount: "-5", validDays: "400" });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((issue) => String(issue.path[0])));
    expect([...fields].sort()).toEqual(["invoice0Amount", "invoice0Date", "payerEmail", "payerName", "validDays"]);
    expect(await t.calls("paymentpage/invoice")).toBe(0);
  });
});
