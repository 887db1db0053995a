import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { parseAuditQuery } from "@/lib/validation/audit";
import { lastPage } from "@/lib/validation/table-state";
import { listAuditEvents } from "./audit";
import { makeMerchant, makeViewer } from "./test-fixtures";

/** The audit log read for an investigation: names instead of ids, before/after, scope, filters. */
describe("audit log", () => {
  it("names accounts, users and transactions, shows changes masked, and the email of a failed unknown sign-in", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant("Readable Account");
    const user = await makeViewer("VIEWER");
    await db.mirrorTransaction.create({
      data: transactionRow(merchant.id, { key: "tx-1", refnum: "3141592", createdAt: "2026-02-01T00:00:00Z", outcome: "approved", resultCode: "A", amountCents: 100, isDuplicate: false, availableActions: [] }),
    });
    const tag = randomUUID();
    await recordAuditEvent({ actor: admin, action: "merchant.update", targetType: "merchant", targetId: merchant.id, details: { tag, before: { name: "Old", apiKey: "sk_live_x" }, after: { name: "Readable Account", apiKey: "sk_live_y" } } });
    await recordAuditEvent({ actor: admin, action: "user.change_role", targetType: "user", targetId: user.id, details: { tag, email: user.email, from: "VIEWER", to: "MANAGER" } });
    await recordAuditEvent({ actor: admin, action: "money.usaepay.refund", targetType: "transaction", targetId: "tx-1", details: { tag, merchantId: merchant.id, amountCents: 100 } });
    await recordAuditEvent({ actor: null, action: "auth.sign_in", outcome: "failure", targetType: "user", details: { tag, email: `nobody-${tag}@example.com`, reason: "unknown_email" } });

    const { items } = await listAuditEvents(admin, parseAuditQuery({ q: tag }));
    const by = (action: string) => items.find((item) => item.action === action)!;
    expect(by("merchant.update")).toMatchObject({ target: "account Readable Account", account: { name: "Readable Account" } });
    expect(by("merchant.update").changes).toEqual([
      { field: "name", before: "Old", after: "Readable Account" },
      { field: "apiKey", before: "(hidden)", after: "(hidden)" },
    ]);
    expect(by("user.change_role")).toMatchObject({ target: `user ${user.email}`, changes: [{ field: "value", before: "VIEWER", after: "MANAGER" }] });
    expect(by("money.usaepay.refund")).toMatchObject({ target: "transaction #3141592", account: { name: "Readable Account" } });
    expect(by("auth.sign_in").actor).toBe(`unknown email nobody-${tag}@example.com`);
  });

  it("filters by actor (an unknown email too), action, account, outcome and days in the viewer's zone", async () => {
    const admin = await makeViewer("ADMIN");
    const merchant = await makeMerchant();
    const tag = randomUUID();
    const unknown = `ghost-${tag}@example.com`;
    await recordAuditEvent({ actor: null, action: "auth.sign_in", outcome: "failure", details: { tag, email: unknown } });
    await recordAuditEvent({ actor: admin, action: "merchant.grant", targetType: "merchant", targetId: merchant.id, details: { tag } });
    const keys = async (params: Record<string, string>) => (await listAuditEvents({ ...admin, timeZone: "Pacific/Kiritimati" }, parseAuditQuery({ q: tag, ...params }))).items.map((item) => item.action);
    expect(await keys({ actor: unknown })).toEqual(["auth.sign_in"]);
    expect(await keys({ actor: admin.email })).toEqual(["merchant.grant"]);
    expect(await keys({ action: "merchant.grant" })).toEqual(["merchant.grant"]);
    expect(await keys({ account: merchant.slug })).toEqual(["merchant.grant"]);
    expect(await keys({ outcome: "failure" })).toEqual(["auth.sign_in"]);
    // Kiritimati is UTC+14: a day there that is already over in UTC terms has none of these rows.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date());
    expect(await keys({ from: today, to: today })).toHaveLength(2);
    expect(await keys({ to: "2020-01-01" })).toEqual([]);
  });

  it("shows a manager only the money events of their own accounts, and a viewer nothing", async () => {
    const admin = await makeViewer("ADMIN");
    const manager = await makeViewer("MANAGER");
    const mine = await makeMerchant();
    const theirs = await makeMerchant();
    await db.merchantGrant.create({ data: { userId: manager.id, merchantAccountId: mine.id } });
    const tag = randomUUID();
    await recordAuditEvent({ actor: admin, action: "money.usaepay.void", targetType: "transaction", targetId: "a", details: { tag, merchantId: mine.id } });
    await recordAuditEvent({ actor: admin, action: "money.usaepay.void", targetType: "transaction", targetId: "b", details: { tag, merchantId: theirs.id } });
    await recordAuditEvent({ actor: admin, action: "merchant.update", targetType: "merchant", targetId: mine.id, details: { tag } });
    const seen = await listAuditEvents(manager, parseAuditQuery({ q: tag }));
    expect(seen.items.map((item) => [item.action, item.account?.name])).toEqual([["money.usaepay.void", mine.name]]);
    expect((await listAuditEvents(admin, parseAuditQuery({ q: tag }))).total).toBe(3);
    await expect(listAuditEvents(await makeViewer("VIEWER"), parseAuditQuery({}))).rejects.toThrow(/not allowed/);
  });

  it("answers a page past the end with the last page (the log said '76–71 of 71')", async () => {
    const admin = await makeViewer("ADMIN");
    const tag = randomUUID();
    for (let index = 0; index < 3; index++) await recordAuditEvent({ actor: admin, action: "test.paging", details: { tag } });
    const paged = await listAuditEvents(admin, parseAuditQuery({ q: tag, page: "999999", pageSize: "10" }));
    expect(paged.total).toBe(3);
    expect(paged.page).toBe(lastPage(paged.total, 10));
    expect(paged.items).toHaveLength(3);
  });
});
