import { expect, test } from "../fixtures/test";
import { expectSignedInAs, signIn } from "../fixtures/login";
import { addUserAsAdmin } from "../fixtures/new-user";
import { demoUser } from "../fixtures/users";

const PASSWORD = "a-sessions-spec-passphrase";

test.describe("sessions", () => {
  test("an old session cookie is refused after sign-out", async ({ browser }) => {
    const manager = demoUser("manager");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, manager.email, manager.password);
    await expectSignedInAs(page, manager.name);
    const copied = await context.cookies();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    // The cookie as it was before signing out, in another browser: the session record has ended.
    const replay = await browser.newContext();
    await replay.addCookies(copied);
    const replayed = await replay.newPage();
    await replayed.goto("/transactions");
    await expect(replayed).toHaveURL(/\/login\?callbackUrl=%2Ftransactions/);
    await expect(replayed.getByTestId("viewer-name")).toHaveCount(0);
    expect((await replayed.request.get("/api/session")).status()).toBe(401);
    await replay.close();
    await context.close();
  });

  test("a session ended elsewhere: a click says so, and signing in comes back to the page", async ({ browser }) => {
    // Its own user: "sign out everywhere" would end the demo users' sessions the other specs share.
    const viewer = { name: "Sid Sessions", password: PASSWORD, email: await addUserAsAdmin(browser, { name: "Sid Sessions", password: PASSWORD }) };
    const first = await browser.newContext();
    const page = await first.newPage();
    await signIn(page, viewer.email, viewer.password);
    await expectSignedInAs(page, viewer.name);
    await page.goto("/account/security");

    // The same person signs out everywhere from another browser.
    const second = await browser.newContext();
    const other = await second.newPage();
    await signIn(other, viewer.email, viewer.password);
    await other.goto("/account/security");
    await expect(other.getByTestId("session-list")).toBeVisible();
    await other.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
    await other.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(other).toHaveURL(/\/login/);

    // Back in the first browser, a click on the navigation.
    await page.getByRole("link", { name: "Transactions" }).click();
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftransactions&reason=ended/);
    await expect(page.getByTestId("session-ended")).toHaveText(/Your session ended/);
    await signIn(page, viewer.email, viewer.password);
    await expect(page).toHaveURL(/\/transactions$/);
    await second.close();
    await first.close();
  });

  test("the sessions list shows this session, and signing out the others ends them", async ({ browser }) => {
    const manager = { name: "Olga Others", password: PASSWORD, email: await addUserAsAdmin(browser, { name: "Olga Others", role: "MANAGER", password: PASSWORD }) };
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await signIn(pageA, manager.email, manager.password);
    await signIn(pageB, manager.email, manager.password);
    await expectSignedInAs(pageB, manager.name);
    await pageA.goto("/account/security");
    await expect(pageA.getByTestId("session-current")).toHaveCount(1);
    await pageA.getByRole("button", { name: "Sign out everywhere else" }).click();
    await pageA.getByRole("alertdialog").getByRole("button", { name: "Sign out the others" }).click();
    await expect(pageA.getByTestId("session-other")).toHaveCount(0);
    await pageB.goto("/transactions");
    await expect(pageB).toHaveURL(/\/login/);
    await pageA.goto("/transactions");
    await expectSignedInAs(pageA, manager.name);
    await a.close();
    await b.close();
  });

  test("a crafted callbackUrl cannot send a signed-in user to another site", async ({ page, baseURL }) => {
    const manager = demoUser("manager");
    await page.goto("/login?callbackUrl=%2F%09%2Fevil.example%2Fpwned");
    await signIn(page, manager.email, manager.password);
    await expectSignedInAs(page, manager.name);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
});
