import { allowConsoleErrors, expect, test } from "../fixtures/test";
import { expectSignedInAs, signIn } from "../fixtures/login";
import { demoUser, type RoleKey } from "../fixtures/users";

const GENERIC_FAILURE = "That email and password do not match an active account.";

test.describe("sign in", () => {
  for (const role of ["admin", "manager", "viewer"] as RoleKey[]) {
    test(`${role} signs in through the form and sees their role`, async ({ page }) => {
      const user = demoUser(role);
      await page.goto("/login");
      await signIn(page, user.email, user.password);
      await expectSignedInAs(page, user.name);
      await expect(page.getByTestId("viewer-role")).toHaveText(role[0]!.toUpperCase() + role.slice(1));
      await expect(page).toHaveURL(/\/$/);
    });
  }

  test("a wrong password and an unknown email get the same message", async ({ page }) => {
    // next-auth answers a refused sign-in with a 401 to its own fetch, which Chromium logs.
    allowConsoleErrors(/status of 401 \(Unauthorized\)/);
    const admin = demoUser("admin");
    await page.goto("/login");
    await signIn(page, admin.email, "not-the-password");
    await expect(page.getByTestId("login-error")).toHaveText(GENERIC_FAILURE);
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, "nobody-here@paydesk.test", "whatever-password");
    await expect(page.getByTestId("login-error")).toHaveText(GENERIC_FAILURE);
    await expect(page.getByTestId("viewer-name")).toHaveCount(0);
  });

  test("a signed-out visit goes to sign-in and comes back to the page after login", async ({ page }) => {
    await page.goto("/admin/audit?page=1");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    const admin = demoUser("admin");
    await signIn(page, admin.email, admin.password);
    await expect(page).toHaveURL(/\/admin\/audit\?page=1$/);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  });

  test("sign out ends the session", async ({ page }) => {
    const manager = demoUser("manager");
    await page.goto("/login");
    await signIn(page, manager.email, manager.password);
    await expectSignedInAs(page, manager.name);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });

  test("health check reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});
