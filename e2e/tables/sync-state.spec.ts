import { expect, test } from "../fixtures/test";
import { addUsaepayKey, uniqueApiKey } from "../fixtures/emulators";
import { asRole } from "../fixtures/roles";
import { addMerchant, submitUsaepayPair } from "../fixtures/merchants";
import { clearUsaepayLatency, setUsaepayLatency, waitForFullSync } from "./helpers";

/**
 * What the tables say while an account's first sync runs. A new account on the docs-example
 * emulated merchant (300 customers, 6,000 transactions): customers arrive in one page, the
 * transactions walk takes six slowed pages, so the first sync is caught half-way.
 */
const DOCS_KEY = "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7";

test("during a first sync the table says how much has arrived, an idle table shows no progress, and the age renders without a hydration error", async ({ browser }) => {
  test.setTimeout(180_000);
  const { page, context } = await asRole(browser, "admin");
  await addMerchant(page, `E2E First sync ${Date.now()}`);
  const key = uniqueApiKey("PDe2eFirstSync");
  await addUsaepayKey(key, "1234", DOCS_KEY);
  await submitUsaepayPair(page, key, "1234");
  await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
  const tablePath = (await page.getByRole("link", { name: "Open account" }).getAttribute("href"))!;
  const slug = tablePath.split("/")[2]!;
  const status = async () => (await (await page.request.get(`/api/m/${slug}/sync`)).json()).resources;

  await setUsaepayLatency(2500, "/api/v2/transactions*");
  try {
    await page.goto(`/m/${slug}/transactions`);
    const notice = page.getByTestId("first-sync-notice");
    await expect(notice).toHaveText(/^First sync: [\d,]+ of 6,000 so far — older transactions are still arriving\.$/, { timeout: 60_000 });
    await expect(page.getByTestId("sync-progress")).toHaveAttribute("data-mode", "full");
    await expect(page.getByTestId("sync-progress")).toContainText(/First sync: [\d,]+ of 6,000 transactions/);

    // The customers finished first; their page shows no progress while the transactions still walk.
    await expect.poll(async () => (await status()).customers.mode).toBe("incremental");
    await page.goto(`/m/${slug}/customers`);
    await expect(page.getByTestId("sync-age")).toHaveText(/synced \d+ s ago/);
    expect((await status()).transactions.status).toBe("running");
    await expect(page.getByTestId("sync-progress")).toHaveCount(0);
    await expect(page.getByTestId("first-sync-notice")).toHaveCount(0);

    // A browser whose clock runs 20 s ahead renders the server's "synced N s ago" at hydration
    // (React #418 otherwise, which the fixture's console check would catch), then its own.
    const skewed = await context.newPage();
    await skewed.clock.setSystemTime(new Date(Date.now() + 20_000));
    await skewed.goto(`/m/${slug}/customers`);
    await expect(skewed.locator('[data-testid="sync-status"][data-hydrated="true"]')).toBeVisible();
    await expect(skewed.getByTestId("sync-age")).toHaveText(/synced ([2-9]\d|1\d\d) s ago/);
    await skewed.close();
  } finally {
    await clearUsaepayLatency();
  }

  await waitForFullSync(page.request, slug);
  await page.goto(`/m/${slug}/transactions`);
  await expect(page.getByTestId("transaction-row").first()).toBeVisible();
  await expect(page.getByTestId("first-sync-notice")).toHaveCount(0);
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–25 of 6,000");
  await context.close();
});
