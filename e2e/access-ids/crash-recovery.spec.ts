import { allowConsoleErrors, expect, test } from "../fixtures/test";
import { signIn } from "../fixtures/login";
import { demoUser } from "../fixtures/users";
import { accessIdsPath, control, currentAccessId, isValidUpstream, masked, rotateInUi } from "./helpers";
import { secondAppServer } from "../fixtures/app-instance";

const app = secondAppServer();

test.describe("access IDs: crash mid-rotation", () => {
  test.setTimeout(180_000);

  test.beforeAll(async () => {
    await app.start();
  });

  test.afterAll(async () => {
    await control("DELETE", "hold");
    await app.kill();
  });

  test("the app dies while New Access ID is held; after a restart the page recovers ClientPay's current id and shows it", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: app.baseURL });
    const page = await context.newPage();
    const admin = demoUser("admin");
    await page.goto("/login");
    await signIn(page, admin.email, admin.password);
    await page.getByTestId("viewer-name").waitFor();

    // A stored id to start from, issued normally.
    await page.goto(accessIdsPath("trust"));
    await rotateInUi(page);
    await expect(page.getByTestId("access-id-message")).toContainText(/^(Rotated|Issued a new access ID)/);
    const before = await currentAccessId("trust");
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(before));

    // ClientPay processes the next New Access ID at once but withholds its answer.
    await control("POST", "hold", { path: "/v2/token/accessid", count: 1 });
    await rotateInUi(page);
    const { held } = await control("GET", "held?waitMs=15000");
    expect(held).toMatchObject([{ path: "/v2/token/accessid", account: "trust" }]);

    // The page's pending request dies with the server, and the page says so in its console.
    allowConsoleErrors(/Failed to fetch/);
    await app.kill();
    await control("POST", "release", {});
    const issued = await currentAccessId("trust");
    expect(issued).not.toBe(before);
    expect(await isValidUpstream(before!)).toBe(false);

    await app.start();
    await page.goto(accessIdsPath("trust"));
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(issued));
    // Whether start-up or this page load did the recovery, the page says what happened.
    await expect(page.getByTestId("access-id-last-rotation")).toContainText("by admin@paydesk.test: recovered");
    const recovered = page.getByTestId("access-id-history").locator('[data-action="access_id.rotation_recovered"]').first();
    await expect(recovered).toContainText("Interrupted rotation recovered");
    await expect(recovered).toContainText("ClientPay had issued a new id; stored");
    await expect(recovered).toContainText("system");
    await expect(page.getByTestId("access-id-rotation-in-progress")).toHaveCount(0);

    // The stored id really is ClientPay's current one: it validates through the app.
    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-message")).toHaveText(`ClientPay accepts the stored access ID (${masked(issued)}).`);
    expect(await currentAccessId("trust")).toBe(issued);
    await context.close();
  });
});
