import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";

/** Opens the export dialog, downloads the CSV and returns its records (BOM stripped, split on CRLF). */
export async function exportCsv(page: Page, columns?: { uncheck?: string[] }): Promise<{ records: string[]; filename: string }> {
  await page.getByTestId("export-open").click();
  await expect(page.getByTestId("export-dialog")).toBeVisible();
  for (const id of columns?.uncheck ?? []) await page.getByTestId(`export-column-${id}`).uncheck();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-download").click()]);
  await expect(page.getByTestId("export-done")).toBeVisible({ timeout: 60_000 });
  const text = await readFile((await download.path())!, "utf8");
  return { records: text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean), filename: download.suggestedFilename() };
}

/** "1–25 of 1,234" → 1234 */
export async function paginationTotal(page: Page): Promise<number> {
  const text = await page.getByTestId("pagination-summary").innerText();
  return text === "No rows" ? 0 : Number(text.split(" of ")[1]!.replace(/,/g, ""));
}

/** Sets the signed-in user's time zone on the profile page; returns the one it had. */
export async function setTimeZone(page: Page, zone: string): Promise<string> {
  await page.goto("/account");
  const select = page.getByTestId("time-zone-select");
  const before = await select.inputValue();
  await select.selectOption(zone);
  await page.getByTestId("time-zone-save").click();
  await expect(page.getByText(`Dates now show in ${zone}.`)).toBeVisible();
  return before;
}

/**
 * Waits until the account's mirror holds at least `rows` transactions. The first sync walks
 * newest first, so once 10,000 of the demo's rows are in, its last 30 days (about 4,300 rows)
 * are complete and stay put while older history fills in behind; tests that read only recent
 * days need not wait for the whole walk.
 */
export async function waitForRecentDays(page: Page, merchant: string, rows = 10_000) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/m/${merchant}/sync`).catch(() => null);
        if (!response?.ok()) return 0;
        return ((await response.json()) as { resources: { transactions: { mirrored: number } } }).resources.transactions.mirrored;
      },
      { timeout: 300_000, intervals: [2000] },
    )
    .toBeGreaterThanOrEqual(rows);
}

/** "YYYY-MM-DD" of the UTC day `days` before today. */
export function utcDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
