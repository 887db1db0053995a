import { expect, type Browser, type Page } from "@playwright/test";
import { asRole, control, currentAccessId, issueFreshId, type AccountName } from "../access-ids/helpers";

export { asRole, control, currentAccessId };

export const PAYMENTS = "/m/harbor-law-operating/payments";
export const REQUESTS = "/m/harbor-law-operating/payment-requests";
export const PAYERS = "/m/harbor-law-operating/payers";
const CLIENTPAY = `http://127.0.0.1:${process.env.E2E_CLIENTPAY_PORT ?? 4120}`;

/** Other specs rotate and expire the demo accounts' ids: each ClientPay spec starts from a fresh one, issued by an admin. */
export async function freshAccessId(browser: Browser, account: AccountName = "operating"): Promise<string> {
  const admin = await asRole(browser, "admin");
  const id = await issueFreshId(admin.page, account);
  await admin.context.close();
  return id;
}

/** Opens the payments table and waits until the local copy holds the account's payments. */
export async function openFilledPayments(page: Page, path = PAYMENTS) {
  await page.goto(path);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("copy-status")).toHaveAttribute("data-status", "idle", { timeout: 2000 });
    await expect(page.getByTestId("payment-row").first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 120_000, intervals: [1000, 2000] });
  await expect(page.locator('[data-testid="copy-status"][data-hydrated="true"]')).toBeVisible();
}

/** A ClientPay call straight to the emulator, as the client's own bank page or another integration would make. */
export async function clientpayCall(path: string, body: Record<string, unknown>, accessId: string) {
  const response = await fetch(`${CLIENTPAY}/v2/${path}`, { method: "POST", headers: { "content-type": "application/json", accessId }, body: JSON.stringify(body) });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return response.json();
}

/** A card payment made outside Paydesk (unsettled, as every new payment is). */
export async function payOutsidePaydesk(accessId: string, amount: number, payerName: string): Promise<string> {
  const { requestId } = await (await fetch(`${CLIENTPAY}/v2/token/requestid`, { method: "POST", headers: { Authorization: accessId, "content-type": "application/json" }, body: "{}" })).json();
  const card = { cardholderName: payerName, cardNumber: "4111111111111111", expirationDateMonth: 12, expirationDateYear: 2099 };
  const answer = await clientpayCall("payment", { token: { requestId }, totalAmount: amount, creditCard: card, billingInformation: { nameOnAccount: payerName } }, accessId);
  return answer.paymentID as string;
}

export async function counter(path: string): Promise<number> {
  return (await control("GET", "counters")).byPath[`POST /v2/${path}`] ?? 0;
}

/** Captures the next server-action POST from this page (its action id and body) without letting it through. */
export async function captureActionPost(page: Page, path: string, trigger: () => Promise<void>) {
  let captured: { action: string; contentType: string; body: Buffer } | undefined;
  await page.route(`**${path}`, async (route) => {
    const request = route.request();
    const action = await request.headerValue("next-action");
    if (request.method() !== "POST" || !action) return route.continue();
    captured = { action, contentType: (await request.headerValue("content-type")) ?? "", body: request.postDataBuffer()! };
    await route.abort();
  });
  await trigger();
  await expect.poll(() => captured).toBeTruthy();
  await page.unroute(`**${path}`);
  return captured!;
}

export const actionHeaders = (captured: { action: string; contentType: string }, baseURL: string) => ({
  "next-action": captured.action,
  "content-type": captured.contentType,
  accept: "text/x-component",
  origin: baseURL,
});
