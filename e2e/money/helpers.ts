import { expect, type Browser, type Page } from "@playwright/test";
import { buildAuthorizationHeader } from "../../lib/payments/usaepay/auth";
import { addUsaepayKey, uniqueApiKey, USAEPAY_EMULATOR } from "../fixtures/emulators";
import { asRole } from "../fixtures/roles";

/**
 * Money specs create their own account: a new, empty emulated USAePay merchant with its own key
 * (so its call counters are this spec's alone), added through the admin pages and granted to the
 * demo manager and viewer. Sales, authorizations and customers are made straight on the emulator,
 * as a card terminal or another integration would.
 */
export const CARD = { number: "4000100011112224", expiration: "0939", cvc: "123", cardholder: "Erin Example" };

export interface MoneyAccount {
  slug: string;
  apiKey: string;
  pin: string;
}

export async function createMoneyAccount(browser: Browser, label: string): Promise<MoneyAccount> {
  const { page, context } = await asRole(browser, "admin");
  const name = `E2E Money ${label} ${Date.now()}`;
  await page.goto("/admin/merchants");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();

  const apiKey = uniqueApiKey("PDe2eMoney");
  const pin = "5150";
  await addUsaepayKey(apiKey, pin);
  const card = page.getByTestId("usaepay-credentials");
  await card.getByLabel("New API key").fill(apiKey);
  await card.getByLabel("New PIN").fill(pin);
  await card.getByRole("button", { name: /^Check and save$/ }).click();
  await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");

  for (const label of ["Max Manager (Manager) – manager@paydesk.test", "Vera Viewer (Viewer) – viewer@paydesk.test"]) {
    await page.getByLabel("Grant access to").selectOption({ label });
    await page.getByRole("button", { name: "Grant access" }).click();
    await expect(page.getByTestId(`grant-${label.split("– ")[1]}`)).toBeVisible();
  }
  const href = await page.getByRole("link", { name: "Open account" }).getAttribute("href");
  await context.close();
  return { slug: href!.split("/")[2]!, apiKey, pin };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- emulator answers are read loosely
async function api(account: MoneyAccount, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${USAEPAY_EMULATOR}/api/v2/${path}`, {
    method,
    headers: { Authorization: buildAuthorizationHeader(account.apiKey, account.pin), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
  return response.json();
}

/** A sale (or an authorization) made outside Paydesk, as a terminal would; returns its key. */
export async function makeSale(account: MoneyAccount, dollars: string, command: "cc:sale" | "cc:authonly" = "cc:sale"): Promise<string> {
  const answer = await api(account, "POST", "transactions", { command, amount: dollars, invoice: `E2E${Date.now() % 100000}`, creditcard: CARD });
  expect(answer.result_code).toBe("A");
  return answer.key;
}

export async function refundOutside(account: MoneyAccount, key: string, dollars: string): Promise<string> {
  const answer = await api(account, "POST", "transactions", { command: "refund", trankey: key, amount: dollars });
  expect(answer.result_code).toBe("A");
  return answer.key;
}

/** A customer with one saved card; returns both keys. */
export async function makeCustomerWithCard(account: MoneyAccount, lastName: string): Promise<{ customerKey: string; methodKey: string }> {
  const customer = await api(account, "POST", "customers", { first_name: "Erin", last_name: lastName, email: `erin.${lastName.toLowerCase()}@example.com` });
  const method = await api(account, "POST", `customers/${customer.key}/payment_methods`, {
    pay_type: "cc", method_name: "Visa 2224", cardholder: CARD.cardholder, number: CARD.number, expiration: CARD.expiration,
  });
  return { customerKey: customer.key, methodKey: (Array.isArray(method) ? method[0] : method).key };
}

/** Calls USAePay received for this account's key, by "METHOD /path". */
export async function upstreamCalls(account: MoneyAccount, route: string): Promise<number> {
  const response = await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/counters/${account.apiKey}`);
  const counters = (await response.json()) as { routes: Record<string, number> };
  return counters.routes[route] ?? 0;
}

export async function injectFault(body: Record<string, unknown>) {
  const response = await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

export async function clearFaults() {
  await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/faults`, { method: "DELETE" });
}

export const transactionPath = (account: MoneyAccount, key: string) => `/m/${account.slug}/transactions/${encodeURIComponent(key)}`;

/** Opens a transaction's page and waits until its forms are interactive. */
export async function openTransaction(page: Page, account: MoneyAccount, key: string) {
  await page.goto(transactionPath(account, key));
  await expect(page.getByTestId("money-panel")).toBeVisible();
  await expect(page.getByTestId("detail-fresh")).toBeVisible();
}

/** Opens one action's section and fills its reason. */
export async function openAction(page: Page, action: "refund" | "void" | "capture" | "adjust") {
  await page.getByTestId(`action-${action}`).locator("summary").click();
  const form = page.getByTestId(`${action}-form`);
  await form.getByLabel("Reason").selectOption({ label: "Customer asked for it" });
  return form;
}

/** Captures a server action's POST from this page (and lets it through unless told not to). */
export function captureActionPosts(page: Page, path: string, options: { abort?: boolean } = {}) {
  const captured: { action: string; contentType: string; body: Buffer }[] = [];
  const ready = page.route(`**${path}`, async (route) => {
    const request = route.request();
    const action = await request.headerValue("next-action");
    if (request.method() !== "POST" || !action) return route.continue();
    captured.push({ action, contentType: (await request.headerValue("content-type")) ?? "", body: request.postDataBuffer()! });
    if (options.abort) return route.abort();
    return route.continue();
  });
  return { captured, ready };
}
