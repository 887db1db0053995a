import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chargePayerSchema } from "@/lib/validation/payers";
import { openPageRequestId } from "./internal/clientpay-pages";
import { issueMoneyToken } from "./internal/money-token";
import { chargePayer, createPayer, createPayerPage, deletePayer, getPayerDetail, listPayers, updatePayer } from "./payers";
import { clientpayDesk, META, type ClientpayDesk } from "./test-clientpay";

const newPayer = (t: ClientpayDesk) => createPayer(t.admin, t.slug, { merchant: t.slug, firstName: "Ines", lastName: "Okafor", businessName: "", email: "ines@example.com" }, META, t.deps);

/** Plays the payer on a new payer page: the card is typed on ClientPay's page, never in Paydesk. */
async function addMethodOnPayerPage(t: ClientpayDesk, payerId: string, method: Record<string, unknown> = {}) {
  const { pageId } = await createPayerPage(t.admin, t.slug, payerId, META, t.deps);
  const page = await db.clientpayPage.findUniqueOrThrow({ where: { id: pageId } });
  const answer = await t.control("POST", `pages/${openPageRequestId(page)}/submit`, method);
  return { pageId, answer };
}

const charge = (t: ClientpayDesk, payerId: string, amount: string, extra: Record<string, string> = {}) =>
  chargePayer(
    t.manager,
    t.slug,
    chargePayerSchema.parse({ merchant: t.slug, payerId, amountCents: amount, token: issueMoneyToken({ viewerId: t.manager.id, merchantId: t.merchant.id, operation: "clientpay.charge", targetKey: payerId }), ...extra }),
    META,
    t.deps,
  );

describe("payers", () => {
  it("an admin creates a payer; the payer adds a method on the payer page; its postback refreshes the saved methods", async () => {
    const t = await clientpayDesk();
    const started = new Date();
    const { payerId } = await newPayer(t);
    expect((await t.control("GET", "payers?account=operating")).payers.some((payer: { id: string }) => payer.id === payerId)).toBe(true);
    expect((await getPayerDetail(t.viewer, t.slug, payerId, t.deps)).payer.methods).toEqual([]);

    const { pageId, answer } = await addMethodOnPayerPage(t, payerId, { cardNumber: "5454545454545454" });
    expect(answer).toMatchObject({ payerId });
    expect(t.delivered).toEqual([{ pageId, status: 200 }]);
    const row = await db.clientpayPayer.findUniqueOrThrow({ where: { merchantAccountId_payerId: { merchantAccountId: t.merchant.id, payerId } } });
    expect(JSON.parse(row.paymentMethodsJson!)).toMatchObject([{ type: "card", last4: "5454", isPrimary: true }]);
    expect(row.paymentMethodsJson).not.toContain("5454545454545454");
    expect(await db.clientpayPage.findUniqueOrThrow({ where: { id: pageId } })).toMatchObject({ status: "completed", kind: "payer" });
    // (The emulator's payer ids repeat from one fresh emulator to the next: only this test's events.)
    expect(await db.auditEvent.count({ where: { targetId: payerId, at: { gte: started }, action: { in: ["payer.create", "payer_page.create", "payer_page.completed"] } } })).toBe(3);

    const listed = await listPayers(t.viewer, t.slug, { q: "okafor", sort: "recent", dir: "desc", page: 1, pageSize: 25 });
    expect(listed.items.map((payer) => payer.payerId)).toEqual([payerId]);
  });

  it("a manager charges a saved method once per form; a declining method is a decline, not an error", async () => {
    const t = await clientpayDesk();
    const { payerId } = await newPayer(t);
    await addMethodOnPayerPage(t, payerId);
    const detail = await getPayerDetail(t.manager, t.slug, payerId, t.deps);
    expect(detail.chargeToken).toEqual(expect.any(String));
    const input = chargePayerSchema.parse({ merchant: t.slug, payerId, amountCents: "42.50", token: detail.chargeToken, description: "Retainer", orderId: "ORD-77" });
    const charged = await chargePayer(t.manager, t.slug, input, META, t.deps);
    expect(charged).toMatchObject({ status: "succeeded", amountCents: 4_250, resultRef: expect.stringMatching(/^\d+$/) });
    expect(await chargePayer(t.manager, t.slug, input, META, t.deps)).toMatchObject({ id: charged.id, replayed: true });
    expect(await t.calls("payment")).toBe(1);
    expect(await db.clientpayPayment.findUniqueOrThrow({ where: { merchantAccountId_paymentId: { merchantAccountId: t.merchant.id, paymentId: charged.resultRef! } } })).toMatchObject({
      payerId,
      amountCents: 4_250,
      orderId: "ORD-77",
      description: "Retainer",
      status: "Approved",
    });

    const declining = await newPayer(t);
    await addMethodOnPayerPage(t, declining.payerId, { cardNumber: "4000000000000002" });
    await getPayerDetail(t.manager, t.slug, declining.payerId, t.deps);
    expect(await charge(t, declining.payerId, "10")).toMatchObject({ status: "declined", message: expect.stringContaining("declined") });
    expect(await db.moneyAttempt.findFirstOrThrow({ where: { targetKey: declining.payerId } })).toMatchObject({ blockingKey: null, requestIdSealed: expect.any(String) });
  });

  it("refuses a charge without a saved method, and the viewer's or an outsider's attempts", async () => {
    const t = await clientpayDesk();
    const { payerId } = await newPayer(t);
    await expect(charge(t, payerId, "10")).rejects.toMatchObject({ code: "no_method" });
    expect((await getPayerDetail(t.manager, t.slug, payerId, t.deps)).chargeToken).toBeNull();
    await expect(createPayer(t.manager, t.slug, { merchant: t.slug, firstName: "M", lastName: "", businessName: "", email: "" }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    await expect(deletePayer(t.viewer, t.slug, payerId, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.calls("payment")).toBe(0);
  });

  it("an admin updates and deletes a payer at ClientPay and in Paydesk, audited", async () => {
    const t = await clientpayDesk();
    const { payerId } = await newPayer(t);
    await updatePayer(t.admin, t.slug, { merchant: t.slug, payerId, firstName: "Inès", lastName: "Okafor-Reyes", businessName: "", email: "ines@example.org" }, META, t.deps);
    expect((await getPayerDetail(t.viewer, t.slug, payerId, t.deps)).payer).toMatchObject({ displayName: "Inès Okafor-Reyes", email: "ines@example.org", source: "paydesk" });
    await deletePayer(t.admin, t.slug, payerId, META, t.deps);
    expect(await db.clientpayPayer.count({ where: { merchantAccountId: t.merchant.id, payerId } })).toBe(0);
    expect((await t.control("GET", "payers?account=operating")).payers.some((payer: { id: string }) => payer.id === payerId)).toBe(false);
    expect((await db.auditEvent.findMany({ where: { targetId: payerId, actorId: t.admin.id }, orderBy: { at: "asc" } })).map((event) => event.action)).toEqual(["payer.create", "payer.update", "payer.delete"]);
  });
});
