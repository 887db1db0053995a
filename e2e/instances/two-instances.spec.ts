import type { Page } from "@playwright/test";
import { allowConsoleErrors, expect, test } from "../fixtures/test";
import { appInstance } from "../fixtures/app-instance";
import { addUsaepayKey, uniqueApiKey, usaepayControl, usaepayCounters } from "../fixtures/emulators";
import { signIn } from "../fixtures/login";
import { addMerchant, slugOnAdminPage, submitUsaepayPair } from "../fixtures/merchants";
import { asRole } from "../fixtures/roles";
import { addUserInUi } from "../fixtures/users";

/**
 * Several app instances behind one address, on one database (PostgreSQL in CI's second run,
 * SQLite in the first): sessions, the sign-in lock, the sync's leases and the upstream budget are
 * all in the database, so they hold across instances. Two more instances run beside the suite's
 * own; cookies do not depend on the port, so one browser signed in on one is signed in on all.
 */
const b = appInstance(Number(process.env.E2E_SECOND_PORT ?? 3101));
const c = appInstance(Number(process.env.E2E_THIRD_PORT ?? 3102));

test.describe("several instances on one database", () => {
  test.setTimeout(240_000);

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    await Promise.all([b.start(), c.start()]);
  });

  test.afterAll(async () => {
    await Promise.all([b.kill(), c.kill()]);
  });

  test("signing in on one instance works on the others, and the sign-in lock is shared", async ({ browser }) => {
    // Each refused sign-in is next-auth's 401, which the browser logs as a failed load.
    allowConsoleErrors(/status of 401 \(Unauthorized\)/);
    const admin = await asRole(browser, "admin");
    const email = `lock-${Date.now()}@paydesk.test`;
    const password = "a-long-enough-password-1";
    await addUserInUi(admin.page, { name: "Lena Lockout", email, role: "VIEWER", password });
    await admin.context.close();

    // Signed in on B, used on C.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${b.baseURL}/login`);
    await signIn(page, email, password);
    await expect(page.getByTestId("viewer-name")).toHaveText("Lena Lockout");
    await page.goto(`${c.baseURL}/`);
    await expect(page.getByTestId("viewer-name")).toHaveText("Lena Lockout");
    await context.close();

    // Ten wrong passwords on B lock the account on C, even with the right one.
    const guesser = await (await browser.newContext()).newPage();
    await guesser.goto(`${b.baseURL}/login`);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await signIn(guesser, email, `wrong-password-${attempt}`);
      await expect(guesser.getByTestId("login-error")).toBeVisible();
      await guesser.goto(`${b.baseURL}/login`);
    }
    await guesser.goto(`${c.baseURL}/login`);
    await signIn(guesser, email, password);
    await expect(guesser.getByTestId("login-error")).toHaveText(/Too many failed sign-in attempts/);
    await expect(guesser.getByTestId("viewer-name")).toHaveCount(0);
    await guesser.context().close();
  });

  test("two instances syncing two accounts share one upstream budget, and each account is synced by one instance only", async ({ browser }) => {
    // An endpoint key of their own (docs-example's 300 customers, 6,000 transactions) with a tiny limit: 10 a minute.
    const endpointKey = `e2eb${Date.now().toString(36)}`;
    await usaepayControl("PUT", `endpoints/${endpointKey}`, { perMinute: 10, perDay: 100_000 });
    const keys = [uniqueApiKey("PDe2eInstA"), uniqueApiKey("PDe2eInstB")];
    for (const key of keys) await addUsaepayKey(key, "1357", "_V87Qtb513Cd3vabM7RC0TbtJWeSo8p7");

    const { page, context } = await asRole(browser, "admin");
    const slugs: string[] = [];
    for (const [index, key] of keys.entries()) {
      await addMerchant(page, `E2E Instances ${index} ${Date.now()}`);
      await page.getByLabel("USAePay endpoint key (optional)").fill(endpointKey);
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByTestId("settings-message")).toHaveText("Settings saved.");
      await submitUsaepayPair(page, key, "1357");
      await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
      slugs.push(await slugOnAdminPage(page));
    }

    // Every instance is asked to sync both accounts (a table view of a never-synced account starts one).
    const open = async (target: Page, base: string, slug: string) => {
      await target.goto(`${base}/m/${slug}/transactions`);
      await expect(target.getByTestId("sync-status")).toBeVisible();
    };
    const onB = await context.newPage();
    const onC = await context.newPage();
    await Promise.all([open(onB, b.baseURL, slugs[0]!), open(onC, c.baseURL, slugs[0]!)]);
    await Promise.all([open(onB, b.baseURL, slugs[1]!), open(onC, c.baseURL, slugs[1]!)]);
    // No more table views from here: a view once an account's customers are a minute old starts
    // an incremental run (a stale mirror), whose extra list call would blur the count of full walks below.
    await Promise.all([onB.close(), onC.close()]);

    // For the next 45 s (less than the budget's minute since the syncs began) the two syncs
    // together stay within the sync's share of the one budget: at most 8 calls besides the two
    // key checks (fewer while those are in the window). Two budgets would send 16, and the
    // emulator would refuse the calls past 10.
    const calls = async () => Promise.all(keys.map(async (key) => (await usaepayCounters(key)).calls));
    const samples: number[][] = [];
    for (let elapsed = 0; elapsed < 45_000; elapsed += 3_000) {
      samples.push(await calls());
      await page.waitForTimeout(3_000);
    }
    const syncCalls = samples.map((sample) => sample[0]! + sample[1]! - keys.length);
    expect(Math.max(...syncCalls)).toBeLessThanOrEqual(8);
    // Both accounts were syncing, side by side, on the two instances.
    expect(samples.at(-1)![0]).toBeGreaterThan(1);
    expect(samples.at(-1)![1]).toBeGreaterThan(1);
    expect((await usaepayCounters(keys[0]!)).rateLimited + (await usaepayCounters(keys[1]!)).rateLimited).toBe(0);

    // A minute later the windows have moved on and both finish.
    for (const slug of slugs) {
      await expect
        .poll(
          async () => {
            const status = await (await page.request.get(`${b.baseURL}/api/m/${slug}/sync`)).json();
            return Object.values(status.resources as Record<string, { mode: string }>).every((resource) => resource.mode === "incremental");
          },
          { timeout: 150_000, intervals: [2000] },
        )
        .toBe(true);
    }
    for (const key of keys) {
      const counters = await usaepayCounters(key);
      expect(counters.rateLimited).toBe(0);
      // One full walk per account (6 pages of 1000): had both instances synced it, 12.
      expect(counters.routes["GET /transactions"]).toBe(6);
    }
    await context.close();
  });

  test("no instance logged a locked database or a rate-limit refusal", async () => {
    for (const instance of [b, c]) {
      expect(instance.log()).not.toMatch(/database is locked|SQLITE_BUSY/i);
      expect(instance.log()).not.toMatch(/"kind":"rate_limited"/);
    }
  });
});
