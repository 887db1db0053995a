import { expect, test } from "../fixtures/test";
import { expectSignedInAs, signIn } from "../fixtures/login";
import { asRole } from "../fixtures/roles";

const LOCKED = "Too many failed sign-in attempts: sign-in is locked for 30 minutes, or until an admin unlocks it.";

test.describe("sign-in locks", () => {
  test.describe.configure({ timeout: 120_000 });

  test("10 wrong passwords lock the account even for the right one; an admin sees the lock and clears it", async ({ browser }) => {
    const email = `lock-${Date.now()}@paydesk.test`;
    const password = "a-long-locked-out-passphrase";
    const admin = await asRole(browser, "admin");
    await admin.page.goto("/admin/users");
    await admin.page.getByLabel("Name").fill("Lou Locked");
    await admin.page.getByLabel("Email").fill(email);
    await admin.page.getByLabel("Initial password").fill(password);
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await expect(admin.page.getByTestId("create-user-message")).toHaveText(`Added ${email}.`);

    const context = await browser.newContext();
    const page = await context.newPage();
    for (let attempt = 1; attempt <= 10; attempt++) {
      await signIn(page, email, `wrong-password-${attempt}`);
      await expect(page.getByTestId("login-error")).toHaveText(attempt < 10 ? "That email and password do not match an active account." : /./);
    }
    await signIn(page, email, password);
    await expect(page.getByTestId("login-error")).toHaveText(LOCKED);

    await admin.page.reload();
    const lock = admin.page.getByTestId(`lock-${email}`);
    await expect(lock).toContainText("10 failures");
    await lock.getByRole("button", { name: "Unlock" }).click();
    await expect(admin.page.getByTestId(`lock-${email}`)).toHaveCount(0);

    await signIn(page, email, password);
    await expectSignedInAs(page, "Lou Locked");
    await context.close();
    await admin.context.close();
  });
});
