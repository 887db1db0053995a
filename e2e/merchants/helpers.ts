import { expect, type Page } from "@playwright/test";

/** Adds a merchant account through the admin page; the page is left on the new account. */
export async function addMerchant(page: Page, name: string) {
  await page.goto("/admin/merchants");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  return page.url();
}

export async function submitUsaepayPair(page: Page, key: string, pin: string) {
  const card = page.getByTestId("usaepay-credentials");
  await card.getByLabel("New API key").fill(key);
  await card.getByLabel("New PIN").fill(pin);
  await card.getByRole("button", { name: /^Check and (save|rotate)$/ }).click();
}
