import { allowConsoleErrors, expect, test } from "../fixtures/test";
import {
  accessIdsPath,
  asRole,
  control,
  currentAccessId,
  issueFreshId,
  isValidUpstream,
  masked,
  rotateBehindTheAppsBack,
  rotateInUi,
} from "./helpers";

test.describe("access IDs (admin)", () => {
  test.afterEach(async () => {
    await control("DELETE", "faults");
  });

  test("admin rotates: the previous id is rejected by ClientPay, the new one validates", async ({ browser }) => {
    const { context, page } = await asRole(browser, "admin");
    const previous = await issueFreshId(page, "trust");

    await rotateInUi(page);
    await expect(page.getByTestId("access-id-message")).toContainText(`the previous one (${masked(previous)}) no longer works`);
    const current = await currentAccessId("trust");
    expect(current).not.toBe(previous);
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(current));
    await expect(page.getByTestId("access-id-issued")).toContainText("by admin@paydesk.test");
    await expect(page.getByTestId("access-id-environment")).toContainText("Local emulator");
    expect(await isValidUpstream(previous)).toBe(false);
    expect(await isValidUpstream(current!)).toBe(true);

    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-message")).toHaveText(`ClientPay accepts the stored access ID (${masked(current)}).`);
    await expect(page.getByTestId("access-id-state")).toHaveText("Valid");
    await expect(page.getByTestId("access-id-checked")).toContainText("by admin@paydesk.test");

    // The full id is never in the page (HTML or RSC payload); only its last four.
    expect(await page.content()).not.toContain(current!);
    const history = page.getByTestId("access-id-history");
    await expect(history.locator('[data-action="access_id.rotate"]').first()).toContainText(`${masked(previous)} → ${masked(current)}`);
    await expect(history.locator('[data-action="access_id.validate"]').first()).toContainText("admin@paydesk.test");
    await context.close();
  });

  test("admin expires (ClientPay calls then fail until an id is issued), then rotates again", async ({ browser }) => {
    const { context, page } = await asRole(browser, "admin");
    const id = await issueFreshId(page, "trust");

    await page.getByRole("button", { name: "Expire" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("every ClientPay call for this account fails until an admin issues a new access ID");
    await page.getByRole("button", { name: "Expire now" }).click();
    await expect(page.getByTestId("access-id-message")).toContainText(`The access ID ${masked(id)} was expired`);
    await expect(page.getByTestId("access-id-state")).toHaveText("Expired");
    await expect(page.getByTestId("access-id-unusable")).toContainText("ClientPay calls for this account will fail until you issue a new one");
    await expect(page.getByRole("button", { name: "Validate now" })).toBeDisabled();
    expect(await isValidUpstream(id)).toBe(false);
    expect(await currentAccessId("trust")).toBeNull();

    await rotateInUi(page);
    await expect(page.getByTestId("access-id-message")).toContainText("Issued a new access ID");
    const current = await currentAccessId("trust");
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(current));
    await expect(page.getByTestId("access-id-unusable")).toHaveCount(0);
    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-state")).toHaveText("Valid");
    await context.close();
  });

  test("recovers after a rotation done behind the app's back", async ({ browser }) => {
    const { context, page } = await asRole(browser, "admin");
    const ours = await issueFreshId(page, "trust");
    const theirs = await rotateBehindTheAppsBack("trust");

    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-message")).toContainText("it was replaced by a newer one");
    await expect(page.getByTestId("access-id-state")).toHaveText("Replaced");

    await page.getByRole("button", { name: "Recover current ID" }).click();
    await expect(page.getByTestId("access-id-message")).toHaveText(`Stored ClientPay's current access ID (${masked(theirs)}) in place of ${masked(ours)}.`);
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(theirs));
    await expect(page.getByTestId("access-id-issued")).toContainText("Outside Paydesk");
    await page.getByRole("button", { name: "Test a request ID" }).click();
    await expect(page.getByTestId("access-id-message")).toContainText("ClientPay issued a request ID for the stored access ID");
    await expect(page.getByTestId("access-id-history").locator('[data-action="access_id.recover"]').first()).toContainText(`${masked(ours)} → ${masked(theirs)}`);
    await context.close();
  });

  test("an upstream failure shows a clear message and leaves the stored state unchanged", async ({ browser }) => {
    const { context, page } = await asRole(browser, "admin");
    const id = await issueFreshId(page, "trust");
    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-state")).toHaveText("Valid");
    const checked = await page.getByTestId("access-id-checked").textContent();

    await control("POST", "faults", { kind: "503", path: "/v2/token/accessid" });
    await rotateInUi(page);
    await expect(page.getByTestId("access-id-message")).toHaveText(
      "ClientPay is unavailable right now: server error (HTTP 503). Try again shortly. Nothing was changed.",
    );
    await control("DELETE", "faults");
    await control("POST", "faults", { kind: "malformed", path: "/v2/token/accessid/validate" });
    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-message")).toContainText("could not understand (malformed response). Nothing was changed.");

    await page.reload();
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(id));
    await expect(page.getByTestId("access-id-state")).toHaveText("Valid");
    await expect(page.getByTestId("access-id-checked")).toHaveText(checked!);
    expect(await currentAccessId("trust")).toBe(id);
    await context.close();
  });
});

test.describe("access IDs (other roles)", () => {
  test("manager validates and tests a request ID but has no rotate, expire or recover", async ({ browser }) => {
    const admin = await asRole(browser, "admin");
    const id = await issueFreshId(admin.page, "operating");
    await admin.context.close();

    const { context, page } = await asRole(browser, "manager");
    await page.goto(accessIdsPath("operating"));
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(id));
    for (const name of ["Rotate", "Issue access ID", "Expire", "Recover current ID"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await page.getByRole("button", { name: "Validate now" }).click();
    await expect(page.getByTestId("access-id-message")).toHaveText(`ClientPay accepts the stored access ID (${masked(id)}).`);
    await expect(page.getByTestId("access-id-checked")).toContainText("by manager@paydesk.test");
    await page.getByRole("button", { name: "Test a request ID" }).click();
    await expect(page.getByTestId("access-id-message")).toContainText("The request ID itself is not shown.");
    await expect(page.getByTestId("access-id-history").locator('[data-action="access_id.test_request"]').first()).toContainText("manager@paydesk.test");
    // The manager cannot even open the trust account, which was not granted to them.
    const response = await page.goto(accessIdsPath("trust"));
    expect(response?.status()).toBe(404);
    await context.close();
  });

  test("viewer sees state and history but no buttons, and a direct action post is refused", async ({ browser, baseURL }) => {
    const admin = await asRole(browser, "admin");
    const id = await issueFreshId(admin.page, "operating");

    // Capture the admin's real Rotate post (its action id and body) without letting it through.
    let captured: { action: string; contentType: string; body: Buffer } | undefined;
    await admin.page.route(`**${accessIdsPath("operating")}`, async (route) => {
      const request = route.request();
      const action = await request.headerValue("next-action");
      if (request.method() !== "POST" || !action) return route.continue();
      captured = { action, contentType: (await request.headerValue("content-type")) ?? "", body: request.postDataBuffer()! };
      await route.abort();
    });
    await rotateInUi(admin.page);
    await expect.poll(() => captured).toBeTruthy();
    await admin.context.close();

    const { context, page } = await asRole(browser, "viewer");
    await page.goto(accessIdsPath("operating"));
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(id));
    await expect(page.getByTestId("access-id-state")).toHaveText("Valid");
    await expect(page.getByTestId("access-id-history")).toBeVisible();
    for (const name of ["Validate now", "Test a request ID", "Rotate", "Issue access ID", "Expire", "Recover current ID"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await expect(page.getByRole("heading", { name: "Actions" })).toHaveCount(0);

    const before = (await control("GET", "counters")).byPath["POST /v2/token/accessid"];
    const replay = await context.request.post(`${baseURL}${accessIdsPath("operating")}`, {
      headers: { "next-action": captured!.action, "content-type": captured!.contentType, accept: "text/x-component", origin: baseURL! },
      data: captured!.body,
    });
    expect(await replay.text()).toContain("You are not allowed to do this.");
    expect((await control("GET", "counters")).byPath["POST /v2/token/accessid"]).toBe(before);
    expect(await currentAccessId("operating")).toBe(id);
    await page.reload();
    await expect(page.getByTestId("access-id-hint")).toHaveText(masked(id));
    await context.close();
  });

  test("a manager's validate post for an account not granted to them is refused", async ({ browser, baseURL }) => {
    const admin = await asRole(browser, "admin");
    await issueFreshId(admin.page, "trust");
    await admin.context.close();

    const { context, page } = await asRole(browser, "manager");
    await page.goto(accessIdsPath("operating"));
    let captured: { action: string; contentType: string; body: string } | undefined;
    await page.route(`**${accessIdsPath("operating")}`, async (route) => {
      const request = route.request();
      const action = await request.headerValue("next-action");
      if (request.method() !== "POST" || !action) return route.continue();
      captured = { action, contentType: (await request.headerValue("content-type")) ?? "", body: request.postData() ?? "" };
      await route.abort();
    });
    // The page's own request is aborted on purpose, and the page says so in its console.
    allowConsoleErrors(/Failed to fetch/);
    await page.getByRole("button", { name: "Validate now" }).click();
    await expect.poll(() => captured).toBeTruthy();
    expect(captured!.body).toContain("harbor-law-operating");

    const validations = async () => (await control("GET", "counters")).byPath["POST /v2/token/accessid/validate"] ?? 0;
    const before = await validations();
    const replay = await context.request.post(`${baseURL}${accessIdsPath("operating")}`, {
      headers: { "next-action": captured!.action, "content-type": captured!.contentType, accept: "text/x-component", origin: baseURL! },
      data: captured!.body.replaceAll("harbor-law-operating", "harbor-law-trust"),
    });
    expect(replay.status()).toBe(404);
    expect(await replay.text()).not.toContain("ClientPay accepts");
    expect(await validations()).toBe(before);
    await context.close();
  });
});
