import { chromium, type FullConfig } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { demoUser, storageStatePath, type RoleKey } from "../fixtures/users";
import { signIn } from "../fixtures/login";

/** Signs in once per role through the real form and saves each session for the specs. */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]!.use;
  mkdirSync("e2e/.auth", { recursive: true });
  const browser = await chromium.launch(launchOptions);
  try {
    for (const role of ["admin", "manager", "viewer"] as RoleKey[]) {
      const user = demoUser(role);
      const page = await browser.newPage({ baseURL });
      await page.goto("/login");
      await signIn(page, user.email, user.password);
      await page.getByTestId("viewer-name").waitFor();
      await page.context().storageState({ path: storageStatePath(role) });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}
