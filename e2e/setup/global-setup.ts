import { chromium, type FullConfig } from "@playwright/test";
import { mkdirSync, rmSync } from "node:fs";
import { demoUser, storageStatePath, type RoleKey } from "../fixtures/users";
import { enrolTwoFactor, signIn } from "../fixtures/login";

/**
 * Signs in once per role through the real form and saves each session for the specs. The
 * admin must use two-factor sign-in (PCI DSS 8.4.2): on the first sign-in of a fresh e2e
 * database the admin is sent to enrolment, which this does through the real page, keeping
 * the secret for later sign-ins (e2e/fixtures/totp.ts).
 */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]!.use;
  // A fresh database each run (scripts/e2e-server.ts): secrets of earlier runs are stale.
  rmSync("e2e/.auth", { recursive: true, force: true });
  mkdirSync("e2e/.auth", { recursive: true });
  const browser = await chromium.launch(launchOptions);
  try {
    for (const role of ["admin", "manager", "viewer"] as RoleKey[]) {
      const user = demoUser(role);
      const page = await browser.newPage({ baseURL });
      await page.goto("/login");
      await signIn(page, user.email, user.password);
      if (role === "admin") await enrolTwoFactor(page, user.email);
      await page.getByTestId("viewer-name").waitFor();
      await page.context().storageState({ path: storageStatePath(role) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}
