import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { TEST_CARD } from "@/lib/sync/test-support";
import { chargeSavedMethod, getChargeForm } from "./customer-charges";
import { lookUpCustomerLive } from "./customers";
import { META } from "./test-fixtures";
import { moneySetup } from "./test-money";

describe("charging a saved payment method", { timeout: 30_000 }, () => {
  async function customerWithCard() {
    const t = await moneySetup();
    const customer = await t.upstream.client.createCustomer({ firstName: "Rosa", lastName: "Parks", email: "rosa@example.com" });
    const method = await t.upstream.client.addPaymentMethod(customer.key, { card: { ...TEST_CARD, cardholder: "Rosa Parks" }, methodName: "Visa 2224" });
    // A live look-up stores the customer with its saved methods (masked) that the form lists.
    expect(await lookUpCustomerLive(t.manager, t.merchant.slug, customer.key, META, t.deps)).toEqual({ found: true });
    return { t, customer, method };
  }

  it("charges once by the method's key, shows the sale at once, and lists only last four digits", async () => {
    const { t, customer, method } = await customerWithCard();
    const form = (await getChargeForm(t.manager, t.merchant.slug, customer.key))!;
    expect(form.methods).toEqual([{ key: method.key, label: expect.stringMatching(/••••2224$/), expires: expect.any(String) }]);
    expect(JSON.stringify(form)).not.toContain(TEST_CARD.number);
    const posts = await t.posts();
    const input = { customer: customer.key, paymentMethod: method.key, token: form.token, amount: 4_200, invoice: "INV-42", description: "Consultation" };
    const [first, second] = await Promise.all([chargeSavedMethod(t.manager, t.merchant.slug, input, META, t.deps), chargeSavedMethod(t.manager, t.merchant.slug, { ...input }, META, t.deps)]);
    expect(await t.posts()).toBe(posts + 1);
    expect([first.status, second.status]).toContain("success");
    const sale = await db.mirrorTransaction.findFirstOrThrow({ where: { merchantAccountId: t.merchant.id, customerKey: customer.key } });
    expect(sale).toMatchObject({ kind: "sale", amountCents: 4_200, invoice: "INV-42", statusCode: "P", cardMasked: expect.stringMatching(/2224$/) });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: customer.key, action: "money.usaepay.charge" } });
    expect(audit.details).toMatchObject({ command: "customer:sale", amountCents: 4_200, card: expect.stringMatching(/••••2224$/), customer: "Parks, Rosa", resultCode: "A" });
  });

  it("refuses a method the customer does not have, and viewers get no form", async () => {
    const { t, customer } = await customerWithCard();
    expect(await getChargeForm(t.viewer, t.merchant.slug, customer.key)).toBeNull();
    const form = (await getChargeForm(t.manager, t.merchant.slug, customer.key))!;
    const posts = await t.posts();
    const refused = await chargeSavedMethod(t.manager, t.merchant.slug, { customer: customer.key, paymentMethod: "nosuchmethod000", token: form.token, amount: 100 }, META, t.deps);
    expect(refused).toEqual({ status: "error", message: "That saved payment method is not on this customer any more. Reload the page. Nothing was sent." });
    expect(await t.posts()).toBe(posts);
    await expect(chargeSavedMethod(t.viewer, t.merchant.slug, { customer: customer.key, paymentMethod: "x", token: form.token, amount: 100 }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
  });
});
