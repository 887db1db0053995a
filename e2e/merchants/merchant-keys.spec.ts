import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { allowConsoleErrors, expect, test } from "../fixtures/test";
import { addUsaepayKey, uniqueApiKey, USAEPAY_EMULATOR, usaepayAccepts } from "../fixtures/emulators";
import { addMerchant, submitUsaepayPair } from "../fixtures/merchants";
import { asRole } from "../fixtures/roles";

test.describe("merchant accounts and keys", () => {
  test("an admin adds an account, sets and rotates its USAePay key, is refused a wrong PIN, and restores the previous key", async ({ browser }) => {
    const { page, context } = await asRole(browser, "admin");
    const name = `E2E Keys ${Date.now()}`;
    await addMerchant(page, name);
    const card = page.getByTestId("usaepay-credentials");
    await expect(page.getByTestId("usaepay-current")).toHaveText(/Not set/);

    // An empty emulated merchant: this account then has nothing big for the mirror to sync.
    const firstKey = uniqueApiKey("PDe2eFirst");
    const firstHint = `API key ••••${firstKey.slice(-4)} · PIN ••••`;
    await addUsaepayKey(firstKey, "1111");
    await submitUsaepayPair(page, firstKey, "1111");
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
    await expect(page.getByTestId("usaepay-current")).toHaveText(firstHint);

    // A new key for the same emulated merchant, then rotate to it through the dashboard.
    const newKey = uniqueApiKey("PDe2eRotated");
    await addUsaepayKey(newKey, "4242", firstKey);
    await submitUsaepayPair(page, newKey, "4242");
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
    await expect(page.getByTestId("usaepay-current")).toHaveText(`API key ••••${newKey.slice(-4)} · PIN ••••`);
    await expect(page.getByTestId("usaepay-previous")).toHaveText(firstHint);
    expect(await usaepayAccepts(newKey, "4242")).toBe(true);

    // A wrong PIN: a clear reason, and nothing changes.
    await submitUsaepayPair(page, newKey, "0000");
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay did not accept this key and PIN. Nothing was changed.");
    await page.reload();
    await expect(page.getByTestId("usaepay-current")).toHaveText(`API key ••••${newKey.slice(-4)} · PIN ••••`);
    await expect(page.getByTestId("usaepay-previous")).toHaveText(firstHint);

    // Restore previous, after confirming.
    await card.getByRole("button", { name: "Restore previous" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Restore previous" }).click();
    await expect(page.getByTestId("usaepay-current")).toHaveText(firstHint);
    await expect(page.getByTestId("usaepay-previous")).toHaveText(`API key ••••${newKey.slice(-4)} · PIN ••••`);

    // Discard it, after confirming.
    await card.getByRole("button", { name: "Discard previous" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Discard previous" }).click();
    await expect(page.getByTestId("usaepay-previous")).toHaveCount(0);

    await page.goto("/admin/audit");
    await expect(page.getByTestId("audit-event").getByText("merchant.credentials.restore_previous").first()).toBeVisible();
    await context.close();
  });

  test("a URL override to a host off the allow-list is refused, and nothing is sent there", async ({ browser }) => {
    // A local listener standing in for an attacker's host: it counts every request it gets.
    let calls = 0;
    const listener = createServer((_request, response) => {
      calls += 1;
      response.end("{}");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as AddressInfo).port;

    const { page, context } = await asRole(browser, "admin");
    await addMerchant(page, `E2E Allow-list ${Date.now()}`);
    const key = uniqueApiKey("PDe2eAllowList");
    await addUsaepayKey(key, "1111");
    await submitUsaepayPair(page, key, "1111");
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");

    for (const url of [`http://127.0.0.1:${port}/api/v2/`, `https://127.0.0.1:${port}/api/v2/`, "https://evil.example/api/v2/"]) {
      await page.getByLabel("USAePay base URL (optional)").fill(url);
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByTestId("settings-message")).toHaveText(/^The USAePay base URL .*Nothing was saved\.$/);
    }
    await page.reload();
    await expect(page.getByLabel("USAePay base URL (optional)")).toHaveValue("");
    await expect(page.getByTestId("usaepay-credentials")).toContainText(`Calls go to ${USAEPAY_EMULATOR}/api/v2/`);
    // A rotation and a page view later, still nothing went to the listener.
    await submitUsaepayPair(page, key, "1111");
    await expect(page.getByTestId("usaepay-message")).toHaveText("USAePay accepted the new key; it is now in use.");
    expect(calls).toBe(0);
    listener.close();
    await context.close();
  });

  test("managers and viewers can neither open the key pages nor post their actions", async ({ browser }) => {
    const admin = await asRole(browser, "admin");
    await addMerchant(admin.page, `E2E Guarded ${Date.now()}`);
    const merchantUrl = admin.page.url();
    const key = uniqueApiKey("PDe2eGuarded");
    const hint = `API key ••••${key.slice(-4)} · PIN ••••`;
    await addUsaepayKey(key, "1111");

    // Capture the real server-action request an admin's rotation form sends.
    const [request] = await Promise.all([
      admin.page.waitForRequest((candidate) => candidate.method() === "POST" && !!candidate.headers()["next-action"]),
      submitUsaepayPair(admin.page, key, "1111"),
    ]);
    await expect(admin.page.getByTestId("usaepay-current")).toHaveText(hint);
    const body = request.postDataBuffer()!;
    const headers = { "next-action": request.headers()["next-action"]!, "content-type": request.headers()["content-type"]!, accept: "text/x-component" };

    for (const role of ["manager", "viewer"] as const) {
      const { page, context } = await asRole(browser, role);
      await page.goto("/admin/merchants");
      await expect(page.getByTestId("forbidden")).toBeVisible();
      await page.goto(merchantUrl);
      await expect(page.getByTestId("forbidden")).toBeVisible();

      // Replaying the admin's action with this role's session is refused by the server.
      const response = await page.request.post(merchantUrl, { headers, data: body });
      expect(await response.text()).toContain("You are not allowed to do this.");
      await context.close();
    }

    // Nothing changed: still exactly one key and no previous one.
    await admin.page.reload();
    await expect(admin.page.getByTestId("usaepay-current")).toHaveText(hint);
    await expect(admin.page.getByTestId("usaepay-previous")).toHaveCount(0);
    await admin.context.close();
  });

  test("a user without a grant gets 'not found' for another account's URLs", async ({ browser }) => {
    const { page, context } = await asRole(browser, "viewer");
    for (const section of ["transactions", "customers", "access-ids"]) {
      const response = await page.goto(`/m/harbor-law-trust/${section}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
    }
    await page.goto("/m/harbor-law-operating/transactions");
    await expect(page.getByTestId("merchant-switcher").locator("option")).toHaveText(["Harbor Law – Operating"]);
    await context.close();
  });

  test("an admin grants and revokes a viewer's access from the account page", async ({ browser }) => {
    const admin = await asRole(browser, "admin");
    await admin.page.goto("/admin/merchants");
    await admin.page.getByRole("link", { name: "Harbor Law – Trust" }).click();
    await admin.page.getByLabel("Grant access to").selectOption({ label: "Vera Viewer (Viewer) – viewer@paydesk.test" });
    await admin.page.getByRole("button", { name: "Grant access" }).click();
    await expect(admin.page.getByTestId("grant-viewer@paydesk.test")).toBeVisible();

    const viewer = await asRole(browser, "viewer");
    const granted = await viewer.page.goto("/m/harbor-law-trust/transactions");
    expect(granted?.status()).toBe(200);

    // The viewer's open page polls this account's sync status, which answers 404 once access is revoked.
    allowConsoleErrors(/status of 404 \(Not Found\)/);
    await admin.page.getByTestId("grant-viewer@paydesk.test").getByRole("button", { name: "Revoke" }).click();
    await admin.page.getByRole("alertdialog").getByRole("button", { name: "Revoke access" }).click();
    await expect(admin.page.getByTestId("grant-viewer@paydesk.test")).toHaveCount(0);

    const revoked = await viewer.page.goto("/m/harbor-law-trust/transactions");
    expect(revoked?.status()).toBe(404);
    await viewer.context.close();
    await admin.context.close();
  });
});
