import { expect, type Page } from "@playwright/test";
import { USAEPAY_EMULATOR } from "../fixtures/emulators";

/** Opens a table and waits until the mirror has rows (a first visit starts the sync). */
export async function openFilledTable(page: Page, path: string, rowTestId: string) {
  await page.goto(path);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(rowTestId).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [500, 1000, 2000] });
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
