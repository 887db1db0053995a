import type { Browser, Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { answerCode, enrolTwoFactor, expectSignedInAs, signIn } from "../fixtures/login";
import { addUserAsAdmin } from "../fixtures/new-user";

const PASSWORD = "an-admins-own-long-passphrase";

/** A new admin: admins must use 2FA, so their first sign-in enrols. */
const addAdmin = (browser: Browser, name: string) => addUserAsAdmin(browser, { name, role: "ADMIN", password: PASSWORD });

async function signOut(page: Page) {
  // The page may still be settling (a redirect to the first account): retry the click until it takes.
  await expect(async () => {
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click({ timeout: 5_000 });
    await expect(page).toHaveURL(/\/login/, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

test.describe("two-factor sign-in", () => {
  // Several sign-ins (argon2id each) and an enrolment per test.
  test.describe.configure({ timeout: 90_000 });
  test("an admin without 2FA is sent to enrolment, enrols with the QR's key, and then signs in with a code", async ({ browser }) => {
    const email = await addAdmin(browser, "Tess Twofactor");
    const context = await browser.newContext();
    const page = await context.newPage();

    await page.goto("/admin/users");
    await signIn(page, email, PASSWORD);
    // Not signed in yet: every page sends an admin without 2FA to enrolment.
    await expect(page).toHaveURL(/\/login\/enrol/);
    await expect(page.getByAltText("QR code for your authenticator app")).toBeVisible();
    await page.goto("/transactions");
    await expect(page).toHaveURL(/\/login\/enrol/);

    // A wrong first code changes nothing.
    await page.getByLabel("Code from your app").fill("000000");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByTestId("enrol-error")).toContainText("That code is not right");

    const codes = await enrolTwoFactor(page, email);
    expect(codes).toHaveLength(10);
    await expectSignedInAs(page, "Tess Twofactor");
    await expect(page).toHaveURL(/\/transactions/);

    // Next time: the password, then a code.
    await signOut(page);
    await signIn(page, email, PASSWORD, { secondFactor: false });
    await expect(page).toHaveURL(/\/login\/verify/);
    await expect(page.getByLabel("Remember this device for 30 days")).not.toBeChecked();
    await page.getByLabel("Authentication code").fill("123456");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByTestId("verify-error")).toContainText("That code is not right");
    await answerCode(page, email);
    await expectSignedInAs(page, "Tess Twofactor");
    await context.close();
  });

  test("a recovery code signs in once, and not a second time", async ({ browser }) => {
    const email = await addAdmin(browser, "Rhea Recovery");
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email, PASSWORD);
    const codes = await enrolTwoFactor(page, email);
    await expectSignedInAs(page, "Rhea Recovery");
    await signOut(page);

    await signIn(page, email, PASSWORD, { secondFactor: false });
    await page.getByLabel("Authentication code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    await expectSignedInAs(page, "Rhea Recovery");
    await page.goto("/account/security");
    await expect(page.getByTestId("recovery-codes-left")).toHaveText("9 unused recovery codes left.");
    await signOut(page);

    await signIn(page, email, PASSWORD, { secondFactor: false });
    await page.getByLabel("Authentication code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByTestId("verify-error")).toContainText("already used");
    await expect(page).toHaveURL(/\/login\/verify/);
    await context.close();
  });
});
