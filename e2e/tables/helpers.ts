import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { USAEPAY_EMULATOR } from "../fixtures/emulators";

/**
 * Opens a table and waits until the mirror has rows: the first visit of an account starts
 * its sync, and the newest rows land within seconds while the rest fills in behind.
 */
export async function openFilledTable(page: Page, path: string, rowTestId: string) {
  await page.goto(path);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(rowTestId).first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 90_000, intervals: [1000, 2000] });
}

/** Opens a table page and waits until it is interactive (hydrated), so form input sticks. */
export async function gotoTable(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-testid="sync-status"][data-hydrated="true"]')).toBeVisible();
}

/** Waits until an account's first full sync has finished (tables that need stable totals); on
 * PostgreSQL on two shared cores, beside a second account's sync, that takes up to ~4 min. */
export async function waitForFullSync(request: APIRequestContext, merchant: string) {
  await expect
    .poll(
      async () => {
        // A busy server (the sync writes in large transactions) may drop a kept-alive socket: poll again.
        const response = await request.get(`/api/m/${merchant}/sync`).catch(() => null);
        if (!response) return "no answer";
        if (!response.ok()) return "http " + response.status();
        const status = (await response.json()) as { resources: Record<string, { mode: string }> };
        return Object.values(status.resources).every((resource) => resource.mode === "incremental") ? "done" : "syncing";
      },
      { timeout: 300_000, intervals: [2000] },
    )
    .toBe("done");
}

export async function setUsaepayLatency(fixedMs: number, path: string) {
  const response = await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/latency`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ fixedMs, jitterMs: 0, path }),
  });
  expect(response.ok).toBe(true);
}

export async function clearUsaepayLatency() {
  await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/latency`, { method: "DELETE" });
}

/** "$1,234.56" → 123456 */
export function cents(text: string): number {
  return Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);
}

/** Makes the emulator fail the next `count` calls on a path (the client retries reads). */
export async function failUsaepay(path: string, count: number) {
  const response = await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ kind: "http503", path, count }),
  });
  expect(response.ok).toBe(true);
}

export async function clearUsaepayFaults() {
  await fetch(`${USAEPAY_EMULATOR}/__sandbox/usaepay/faults`, { method: "DELETE" });
}
