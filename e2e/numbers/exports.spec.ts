import { freshAccessId, openFilledPayments, PAYMENTS } from "../clientpay/helpers";
import { expect, test } from "../fixtures/test";
import { demoUser } from "../fixtures/users";
import { asRole } from "../fixtures/roles";
import { gotoTable, openFilledTable } from "../tables/helpers";
import { exportCsv, paginationTotal, utcDaysAgo, waitForRecentDays } from "./helpers";

const TABLE = "/m/harbor-law-operating/transactions";

test.describe("exports", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(360_000);
    const { page, context } = await asRole(browser, "manager");
    await openFilledTable(page, TABLE, "transaction-row");
    await waitForRecentDays(page, "harbor-law-operating");
    await context.close();
  });

  test("an export of a filtered table downloads every matching row with the expected header", async ({ browser }) => {
    test.setTimeout(120_000);
    const { page, context } = await asRole(browser, "manager");
    // Days the mirror already holds in full (the sync may still be filling older history).
    await gotoTable(page, `${TABLE}?status=declined&card=Visa&from=${utcDaysAgo(25)}&to=${utcDaysAgo(2)}&sort=amount&dir=asc`);
    const total = await paginationTotal(page);
    expect(total).toBeGreaterThan(25); // more than the visible page
    const zone = (await page.getByTestId("table-time-zone").innerText()).match(/^Times in (\S+)/)![1];

    const { records, filename } = await exportCsv(page, { uncheck: ["cardholder", "type"] });
    expect(filename).toMatch(/^transactions-harbor-law-operating-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(records[0]).toBe(`Date (${zone}),Ref #,Card,Status,Amount`);
    expect(records).toHaveLength(total + 1);
    for (const record of records.slice(1)) expect(record).toMatch(/,Visa \d{4},Declined,\d+\.\d{2}$/);
    const amounts = records.slice(1).map((record) => Number(record.split(",").pop()));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    await context.close();
  });

  test("a viewer without the export permission gets no button, and a direct request is refused", async ({ browser }) => {
    const { page, context } = await asRole(browser, "viewer");
    await gotoTable(page, TABLE);
    await expect(page.getByTestId("column-chooser")).toBeVisible();
    await expect(page.getByTestId("export-open")).toHaveCount(0);
    const refused = await page.request.get("/api/export/transactions?merchant=harbor-law-operating");
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toEqual({ error: "You are not allowed to do this." });
    expect((await page.request.get("/api/export/audit")).status()).toBe(403);
    expect((await page.request.get("/api/export/batches?merchant=harbor-law-operating")).status()).toBe(403);
    expect((await page.request.get("/api/export/payments?merchant=harbor-law-operating")).status()).toBe(403);
    await page.goto(PAYMENTS);
    await expect(page.getByTestId("export-open")).toHaveCount(0);
    await context.close();
  });

  test("a filtered ClientPay payments table exports every matching row in its order, the method masked as the table shows it", async ({ browser }) => {
    test.setTimeout(240_000);
    // Other specs rotate and expire the demo's access IDs: the copy needs a usable one to fill.
    await freshAccessId(browser);
    const { page, context } = await asRole(browser, "manager");
    await openFilledPayments(page, `${PAYMENTS}?status=Refunded&method=card&sort=amount&dir=asc`);
    const total = await paginationTotal(page);
    expect(total).toBeGreaterThan(25); // more than the visible page

    const { records, filename } = await exportCsv(page);
    expect(filename).toMatch(/^payments-harbor-law-operating-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(records[0]).toMatch(/^Paid \(\S+\),Payment #,Payer,Payer email,Invoices,Order number,Method,Status,Amount,Refunded$/);
    expect(records).toHaveLength(total + 1);
    for (const record of records.slice(1)) expect(record).toMatch(/,[^,]+ ••••\d{4},Refunded,\d+\.\d{2},\d+\.\d{2}$/);
    const amounts = records.slice(1).map((record) => Number(record.split(",").at(-2)));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    await context.close();
  });

  test("the audit log filters by actor and exports what it shows", async ({ browser }) => {
    test.setTimeout(120_000);
    // Something of the manager's to find: an export (audited with its filters and row count).
    const manager = await asRole(browser, "manager");
    const made = await manager.page.request.get("/api/export/customers?merchant=harbor-law-operating&q=smith");
    expect(made.status()).toBe(200);
    await made.body();
    await manager.context.close();

    const { page, context } = await asRole(browser, "admin");
    const email = demoUser("manager").email;
    await page.goto("/admin/audit");
    await page.getByTestId("audit-filter-actor").fill(email);
    await page.getByTestId("audit-filter-apply").click();
    await expect(page).toHaveURL(new RegExp(`actor=${encodeURIComponent(email)}`));
    const actors = page.getByTestId("audit-event").getByTestId("audit-actor");
    await expect(actors.first()).toBeVisible();
    for (const actor of await actors.allInnerTexts()) expect(actor).toBe(email);
    await expect(page.getByTestId("audit-event").filter({ hasText: "export.customers" }).first()).toContainText("q=smith");

    const total = await paginationTotal(page);
    const { records } = await exportCsv(page);
    expect(records[0]).toMatch(/^Time \(\S+\),Actor,Action,Outcome,Target,Account,Details,IP$/);
    expect(records).toHaveLength(total + 1);
    for (const record of records.slice(1)) expect(record.split(",")[1]).toBe(email);
    await context.close();
  });
});
