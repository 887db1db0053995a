import { expect, test } from "../fixtures/test";
import { buildAuthorizationHeader } from "../../lib/payments/usaepay/auth";
import { addUsaepayKey, uniqueApiKey, USAEPAY_EMULATOR, usaepayControl, usaepayCounters } from "../fixtures/emulators";
import { addMerchant, slugOnAdminPage, submitUsaepayPair } from "../fixtures/merchants";
import { asRole } from "../fixtures/roles";

/** A USAePay call made straight at the emulator, as another system would (not through Paydesk). */
async function usaepayCommand(apiKey: string, pin: string, body: Record<string, unknown>) {
  const response = await fetch(`${USAEPAY_EMULATOR}/api/v2/transactions`, {
    method: "POST",
    headers: { Authorization: buildAuthorizationHeader(apiKey, pin), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { key: string; result_code: string };
}

test.describe("USAePay webhooks", () => {
  test.setTimeout(120_000);

  test("a refund reaches the mirror through a signed webhook before any sync runs, and the admin page lists the events", async ({ browser }) => {
    const { page, context } = await asRole(browser, "admin");
    const apiKey = uniqueApiKey("PDe2eHook");
    await addUsaepayKey(apiKey, "2468");
    await addMerchant(page, `E2E Webhooks ${Date.now()}`);
    await submitUsaepayPair(page, apiKey, "2468");
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
    const slug = await slugOnAdminPage(page);

    // Paydesk's side: the signature key, stored sealed; the page shows only its last four.
    const card = page.getByTestId("webhook-card");
    await expect(card.getByTestId("webhook-state")).toContainText("Off");
    const signatureKey = `e2e-webhook-key-${Date.now()}`;
    await card.getByLabel("Signature key").fill(signatureKey);
    await card.getByRole("button", { name: "Turn on webhooks" }).click();
    await expect(card.getByTestId("webhook-message")).toContainText(`Signature key ••••${signatureKey.slice(-4)} stored`);
    await expect(card.getByTestId("webhook-state")).toContainText("On");
    await expect(page.locator("body")).not.toContainText(signatureKey);
    const url = (await card.getByTestId("webhook-url").innerText()).trim();
    expect(url).toMatch(new RegExp(`/api/webhooks/usaepay/${slug}$`));

    // USAePay's side (its console; here the emulator's control plane), then a sale and its refund made outside Paydesk.
    await usaepayControl("PUT", `webhooks/${apiKey}`, { url, signatureKey, retryScale: 0.001 });
    const sale = await usaepayCommand(apiKey, "2468", { command: "cc:sale", amount: "25.00", creditcard: { number: "4000100011112224", expiration: "1239", cvc: "123", cardholder: "Webhook Tester" } });
    expect(sale.result_code).toBe("A");
    const refund = await usaepayCommand(apiKey, "2468", { command: "refund", trankey: sale.key, amount: "10.00" });
    await expect
      .poll(async () => ((await usaepayControl("GET", `webhooks/${apiKey}/deliveries`)).data as { state: string }[]).map((delivery) => delivery.state), { timeout: 20_000 })
      .toEqual(["delivered", "delivered"]);

    await page.reload();
    await expect(card.getByTestId("webhook-event")).toHaveCount(2);
    await expect(card.getByTestId("webhook-events")).toContainText("transaction.refund.success");
    await expect(card.getByTestId("webhook-events")).toContainText(refund.key);

    // The refund's page renders from the mirror, which only the webhook can have filled: no list
    // call was ever made for this key (the one customers call is the key check).
    await page.goto(`/m/${slug}/transactions/${refund.key}`);
    await expect(page.getByTestId("transaction-detail")).toBeVisible();
    await expect(page.getByTestId("detail-amount")).toHaveText("$10.00");
    const counters = await usaepayCounters(apiKey);
    expect(counters.routes["GET /transactions"]).toBeUndefined();
    expect(counters.routes["GET /customers"]).toBe(1);
    const status = await (await page.request.get(`/api/m/${slug}/sync`)).json();
    expect(Object.values(status.resources as Record<string, { lastSuccessAt: string | null }>).map((resource) => resource.lastSuccessAt)).toEqual([null, null]);
    await context.close();
  });
});

test.describe("detail pages and the upstream budget", () => {
  test("a detail page for a made-up key makes no upstream call; only an explicit look-up asks USAePay", async ({ browser }) => {
    const operatingKey = "PDdemoOperating00000000000000001";
    const madeUp = `madeup${Date.now().toString(36)}`;
    const calls = async () => {
      const routes = (await usaepayCounters(operatingKey)).routes;
      return (routes[`GET /transactions/${madeUp}`] ?? 0) + (routes[`GET /customers/${madeUp}`] ?? 0);
    };

    const viewer = await asRole(browser, "viewer");
    for (let i = 0; i < 5; i += 1) {
      expect((await viewer.page.goto(`/m/harbor-law-operating/transactions/${madeUp}`))?.status()).toBe(404);
      expect((await viewer.page.goto(`/m/harbor-law-operating/customers/${madeUp}`))?.status()).toBe(404);
    }
    await viewer.context.close();

    const manager = await asRole(browser, "manager");
    await manager.page.goto(`/m/harbor-law-operating/transactions/${madeUp}`);
    await expect(manager.page.getByTestId("not-mirrored")).toContainText("Not in the local copy");
    expect(await calls()).toBe(0);

    await manager.page.getByRole("button", { name: "Look up live at USAePay" }).click();
    await expect(manager.page.getByTestId("lookup-message")).toHaveText("USAePay has no transaction with this key for this account.");
    expect(await calls()).toBe(1);
    await manager.context.close();
  });
});
