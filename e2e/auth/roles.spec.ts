import { expect, test } from "../fixtures/test";
import { enrolTwoFactor, expectSignedInAs, signIn } from "../fixtures/login";
import { asRole } from "../fixtures/roles";
import { addUserInUi } from "../fixtures/users";

test.describe("roles", () => {
  test("a viewer opening an admin page gets a clear 'not allowed' page", async ({ browser }) => {
    const { page, context } = await asRole(browser, "viewer");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
    await context.close();
  });

  test("a manager's audit log has only the money events of their own accounts", async ({ browser }) => {
    const { page, context } = await asRole(browser, "manager");
    await page.goto("/admin/audit");
    await expect(page.getByText("The refunds, voids and payments of your accounts")).toBeVisible();
    await expect(page.getByTestId("audit-event").filter({ hasText: "auth.sign_in" })).toHaveCount(0);
    await context.close();
  });

  test("a viewer cannot open the audit log", async ({ browser }) => {
    const { page, context } = await asRole(browser, "viewer");
    await page.goto("/admin/audit");
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await context.close();
  });

  test("a role change by an admin applies on the user's next request, and disabling signs them out", async ({ browser }) => {
    const email = `role-change-${Date.now()}@paydesk.test`;
    const password = "a-long-initial-password";
    const admin = await asRole(browser, "admin");

    await addUserInUi(admin.page, { name: "Rita Rolechange", email, role: "VIEWER", password });

    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    await userPage.goto("/login");
    await signIn(userPage, email, password);
    await expectSignedInAs(userPage, "Rita Rolechange");
    await userPage.goto("/admin/users");
    await expect(userPage.getByTestId("forbidden")).toBeVisible();

    const row = admin.page.getByTestId(`user-row-${email}`);
    await row.getByLabel(`Role for ${email}`).selectOption("ADMIN");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(admin.page.getByText("Role updated.")).toBeVisible();

    // Same session cookie, next request: the new role is in force. An admin must use 2FA
    // (PCI DSS 8.4.2), so the next page is the enrolment, and then the admin pages open.
    await userPage.reload();
    await expect(userPage).toHaveURL(/\/login\/enrol/);
    await enrolTwoFactor(userPage, email);
    await expect(userPage.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
    await expect(userPage.getByTestId("viewer-role")).toHaveText("Admin");

    await row.getByRole("button", { name: "Disable" }).click();
    await admin.page.getByRole("button", { name: "Disable user" }).click();
    await expect(admin.page.getByText("User disabled and signed out.")).toBeVisible();

    await userPage.reload();
    await expect(userPage).toHaveURL(/\/login/);

    await userContext.close();
    await admin.context.close();
  });

  test("a new user cannot be added with bad input, and nothing is created", async ({ browser }) => {
    const admin = await asRole(browser, "admin");
    await admin.page.goto("/admin/users");
    const before = await admin.page.getByTestId("user-list").locator("li").count();
    await admin.page.getByLabel("Name").fill("Shorty");
    await admin.page.getByLabel("Email").fill("not-an-email");
    await admin.page.getByLabel("Initial password").fill("short");
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await expect(admin.page.getByTestId("create-user-message")).toHaveText("Check the highlighted fields.");
    await expect(admin.page.getByTestId("new-email-error")).toHaveText("Enter a valid email address.");
    await expect(admin.page.getByTestId("new-password-error")).toHaveText("Use at least 12 characters.");
    // What was typed is still there (the password is never echoed back).
    await expect(admin.page.getByLabel("Name")).toHaveValue("Shorty");
    await expect(admin.page.getByLabel("Email")).toHaveValue("not-an-email");
    await admin.page.reload();
    await expect(admin.page.getByTestId("user-list").locator("li")).toHaveCount(before);
    await admin.context.close();
  });
});
