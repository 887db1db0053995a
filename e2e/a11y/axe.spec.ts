import { expectNoAxeViolations } from "../fixtures/axe";
import { expect, test } from "../fixtures/test";
import { asRole } from "../fixtures/roles";
import type { RoleKey } from "../fixtures/users";
import { openFilledTable } from "../tables/helpers";

/**
 * axe-core (WCAG 2.1 AA) on every page each role can open, at laptop and phone sizes, with
 * no violation allowed. A page added to the app belongs in PAGES (or in a state below).
 */
const ACCOUNT = "/m/harbor-law-operating";
const SIZES = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

const PAGES: Record<RoleKey, string[]> = {
  viewer: ["/", `${ACCOUNT}/customers`, `${ACCOUNT}/transactions`, `${ACCOUNT}/access-ids`, `${ACCOUNT}/transactions?q=no-such-transaction-zzqx`, `${ACCOUNT}/transactions?from=2026-03-01&to=2026-02-01`],
  manager: ["/", `${ACCOUNT}/customers`, `${ACCOUNT}/transactions`, `${ACCOUNT}/access-ids`],
  admin: ["/", `${ACCOUNT}/customers`, `${ACCOUNT}/transactions`, `${ACCOUNT}/access-ids`, "/admin/merchants", "/admin/users", "/admin/audit", "/nowhere"],
};

test.describe("accessibility (axe, WCAG 2.1 AA)", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    const { page, context } = await asRole(browser, "admin");
    await openFilledTable(page, `${ACCOUNT}/transactions`, "transaction-row");
    await openFilledTable(page, `${ACCOUNT}/customers`, "customer-row");
    await context.close();
  });

  test("the sign-in page", async ({ page }) => {
    for (const size of Object.values(SIZES)) {
      await page.setViewportSize(size);
      await page.goto("/login");
      await expectNoAxeViolations(page, `/login at ${size.width} px`);
    }
  });

  for (const role of Object.keys(PAGES) as RoleKey[]) {
    for (const [sizeName, size] of Object.entries(SIZES)) {
      test(`every page a ${role} can open, on a ${sizeName}`, async ({ browser }) => {
        test.setTimeout(180_000);
        const { page, context } = await asRole(browser, role);
        await page.setViewportSize(size);
        const details: string[] = [];
        for (const path of PAGES[role]) {
          await page.goto(path);
          await expect(page.locator("main, [data-testid=not-found]").first()).toBeVisible();
          await expectNoAxeViolations(page, `${path} as ${role} at ${size.width} px`);
          if (path === `${ACCOUNT}/customers`) details.push((await page.getByTestId("customer-link").first().getAttribute("href"))!);
          if (path === `${ACCOUNT}/transactions`) details.push((await page.getByTestId("transaction-link").first().getAttribute("href"))!);
        }
        for (const path of details) {
          await page.goto(path);
          await expectNoAxeViolations(page, `${path} as ${role} at ${size.width} px`);
        }
        if (role === "admin") {
          await page.goto("/admin/merchants");
          await page.getByRole("link", { name: "Harbor Law – Operating" }).click();
          await expect(page.getByRole("heading", { name: "Harbor Law – Operating", level: 1 })).toBeVisible();
          await expectNoAxeViolations(page, `a merchant account's page at ${size.width} px`);
        }
        if (sizeName === "phone") {
          await page.getByTestId("menu-button").click();
          await expect(page.getByRole("dialog", { name: "Paydesk" })).toBeVisible();
          await expectNoAxeViolations(page, `the open phone menu as ${role}`);
        }
        await context.close();
      });
    }
  }
});
