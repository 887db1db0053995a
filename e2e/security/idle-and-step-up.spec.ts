import { expect, test } from "../fixtures/test";
import { secondAppServer } from "../fixtures/app-instance";
import { addUsaepayKey, uniqueApiKey } from "../fixtures/emulators";
import { expectSignedInAs, signIn } from "../fixtures/login";
import { confirmIdentity } from "../fixtures/step-up";
import { demoUser } from "../fixtures/users";

/**
 * The idle timeout and the step-up window, on a second app server (same database) with both
 * shortened, so the suite's own server keeps its long ones: 20 s idle with the warning 10 s
 * before, and a re-entered password covering sensitive changes for 5 s.
 */
const server = secondAppServer(undefined, { SESSION_IDLE_TIMEOUT_SECONDS: "20", SESSION_IDLE_WARNING_SECONDS: "10", STEP_UP_MAX_AGE_SECONDS: "5" });

test.describe("idle timeout and step-up (shortened)", () => {
  test.describe.configure({ timeout: 120_000 });
  test.beforeAll(async () => server.start());
  test.afterAll(async () => server.kill());

  test("the idle warning's 'stay signed in' keeps the session; ignoring it signs out, and sign-in comes back", async ({ browser }) => {
    const manager = demoUser("manager");
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await page.goto("/account/security");
    await signIn(page, manager.email, manager.password);
    await expectSignedInAs(page, manager.name);

    // Nothing touched: the warning comes before the timeout ends.
    await expect(page.getByTestId("idle-warning")).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Stay signed in" }).click();
    await expect(page.getByTestId("idle-warning")).toHaveCount(0);

    // Ignored this time: the session ends, and the page says so.
    await expect(page.getByTestId("idle-warning")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("session-ended-dialog")).toBeVisible({ timeout: 20_000 });
    expect((await page.request.get("/api/session")).status()).toBe(401);
    await page.getByRole("link", { name: "Sign in again" }).click();
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Fsecurity&reason=ended/);
    await signIn(page, manager.email, manager.password);
    await expect(page).toHaveURL(/\/account\/security$/);
    await context.close();
  });

  test("a key rotation long after sign-in asks for the password and code again first", async ({ browser }) => {
    const admin = demoUser("admin");
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    await expectSignedInAs(page, admin.name);

    await page.goto("/admin/merchants");
    await page.getByLabel("Name").fill(`E2E Step-up ${Date.now()}`);
    await page.getByRole("button", { name: "Add account" }).click();
    const key = uniqueApiKey("PDe2eStepUp");
    await addUsaepayKey(key, "1111");
    // Let the sign-in's own confirmation lapse (the window is 5 s on this server).
    await page.waitForTimeout(6_000);
    const card = page.getByTestId("usaepay-credentials");
    await card.getByLabel("New API key").fill(key);
    await card.getByLabel("New PIN").fill("1111");
    await card.getByRole("button", { name: "Check and save" }).click();
    await expect(page.getByTestId("usaepay-message")).toContainText("confirm it is you");
    await expect(page.getByTestId("usaepay-current")).toHaveText(/Not set/);

    await confirmIdentity(page, "usaepay-credentials-step-up-form", admin.email, admin.password);
    await card.getByLabel("New API key").fill(key);
    await card.getByLabel("New PIN").fill("1111");
    await card.getByRole("button", { name: "Check and save" }).click();
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
    await context.close();
  });
});
