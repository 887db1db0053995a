import { expect, type Browser, type Page } from "@playwright/test";
import { storageStatePath, type RoleKey } from "../fixtures/users";

/** ClientPay emulator of the e2e stack (playwright.config.ts), reached directly for setup and checks. */
export const CLIENTPAY = `http://127.0.0.1:${process.env.E2E_CLIENTPAY_PORT ?? 4120}`;
const CONTROL = `${CLIENTPAY}/__sandbox/clientpay`;

export const ACCOUNTS = {
  operating: { slug: "harbor-law-operating", accountKey: "sandbox-operating", accountPin: "1111" },
  trust: { slug: "harbor-law-trust", accountKey: "sandbox-trust", accountPin: "2222" },
} as const;
export type AccountName = keyof typeof ACCOUNTS;

export async function asRole(browser: Browser, role: RoleKey) {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  return { context, page: await context.newPage() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- control-plane answers are read loosely
export async function control(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${CONTROL}/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
  return response.json();
}

/** The accessId ClientPay (the emulator) considers current for an account. */
export async function currentAccessId(account: AccountName): Promise<string | null> {
  const { accounts } = await control("GET", "credentials");
  return accounts.find((entry: { name: string }) => entry.name === account).currentAccessId;
}

export async function isValidUpstream(accessId: string): Promise<boolean> {
  const response = await fetch(`${CLIENTPAY}/v2/token/accessid/validate`, { method: "POST", headers: { accessId, "content-type": "application/json" }, body: "{}" });
  return (await response.json()).isValid;
}

/** New Access ID made outside Paydesk, as another integration would. */
export async function rotateBehindTheAppsBack(account: AccountName): Promise<string> {
  const { accountKey, accountPin } = ACCOUNTS[account];
  const response = await fetch(`${CLIENTPAY}/v2/token/accessid`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ integratorKey: "paydesk-sandbox-integrator", accountKey, accountPin }),
  });
  expect(response.status).toBe(200);
  return (await response.json()).accessId;
}

export async function newAccessIdCalls(): Promise<number> {
  return (await control("GET", "counters")).byPath["POST /v2/token/accessid"] ?? 0;
}

export const masked = (accessId: string | null) => `••••${accessId?.slice(-4)}`;

export function accessIdsPath(account: AccountName) {
  return `/m/${ACCOUNTS[account].slug}/access-ids`;
}

/** Rotate (or "Issue access ID" when none is usable) through the confirmation dialog. */
export async function rotateInUi(page: Page) {
  await page.getByRole("button", { name: /^(Rotate|Issue access ID)$/ }).click();
  await expect(page.getByRole("alertdialog")).toContainText("stops working at once for every integration using it");
  await page.getByRole("button", { name: /^(Rotate now|Issue now)$/ }).click();
}

/** Leaves the account with a fresh id issued through the page, and returns it as ClientPay knows it. */
export async function issueFreshId(page: Page, account: AccountName): Promise<string> {
  await page.goto(accessIdsPath(account));
  await rotateInUi(page);
  await expect(page.getByTestId("access-id-message")).toContainText(/^(Rotated|Issued a new access ID)/);
  const current = await currentAccessId(account);
  await expect(page.getByTestId("access-id-hint")).toHaveText(masked(current));
  return current!;
}
