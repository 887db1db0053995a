import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";

function expectStrictCsp(csp: string | undefined) {
  expect(csp).toBeTruthy();
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/base-uri '(self|none)'/);
  expect(csp).toMatch(/form-action 'self'/);
}

test.describe("security headers", () => {
  test("pages carry a per-request nonce CSP, COOP and no-framing, and the app runs under it", async ({ browser }) => {
    const { page, context } = await asRole(browser, "admin");
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    const first = await page.goto("/admin/merchants");
    const headers = first!.headers();
    expectStrictCsp(headers["content-security-policy"]);
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1];
    const second = await page.goto("/admin/merchants");
    expect(second!.headers()["content-security-policy"]).not.toContain(nonce);

    // Client code runs: a confirmation dialog opens (React), the navigation works.
    await page.getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Disable" }).first().click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(violations).toEqual([]);
    await context.close();
  });

  test("the sign-in page and a malformed URL's error response carry the headers too", async ({ request }) => {
    const login = await request.get("/login");
    expectStrictCsp(login.headers()["content-security-policy"]);
    for (const path of ["/%E0%A4%A", "/m/%zz/transactions", "/api/m/%E0/sync"]) {
      const response = await request.get(path);
      expect(response.status()).toBeGreaterThanOrEqual(400);
      expect(response.status()).toBeLessThan(500);
      expectStrictCsp(response.headers()["content-security-policy"]);
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    }
  });
});
