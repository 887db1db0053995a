import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { parseTransactionQuery } from "@/lib/validation/transactions";
import { listTransactions } from "./transactions";

/** The table's queries over a hand-made mirror: filters, sort, paging and account scoping. */
async function mirrorWith(rows: { key: string; amountCents: number; brand: string; holder: string; status: string; created: string }[]) {
  const slug = `dal-${randomUUID().slice(0, 8)}`;
  const merchant = await db.merchantAccount.create({ data: { slug, name: slug } });
  await db.mirrorTransaction.createMany({
    data: rows.map((row) =>
      transactionRow(merchant.id, {
        key: row.key, refnum: `R${row.key}`, createdAt: row.created, outcome: "approved", resultCode: "A", statusCode: row.status, statusLabel: row.status,
        amountCents: row.amountCents, card: { brand: row.brand, maskedNumber: "XXXXXXXXXXXX1234", last4: "1234", cardholder: row.holder }, isDuplicate: false, availableActions: [],
      }),
    ),
  });
  return merchant;
}

const admin = async (): Promise<Viewer> => {
  const user = await db.user.create({ data: { email: `a-${randomUUID()}@t.example`, name: "A", passwordHash: "x", role: "ADMIN" } });
  return { id: user.id, email: user.email, name: user.name, role: "ADMIN" };
};

describe("transactions data layer", () => {
  const rows = [
    { key: "t1", amountCents: 1000, brand: "Visa", holder: "Ada Lovelace", status: "S", created: "2026-02-01T10:00:00.000Z" },
    { key: "t2", amountCents: 2500, brand: "MasterCard", holder: "Alan Turing", status: "V", created: "2026-02-02T10:00:00.000Z" },
    { key: "t3", amountCents: 4000, brand: "Visa", holder: "Grace Hopper", status: "P", created: "2026-02-03T23:59:59.000Z" },
    { key: "t4", amountCents: 9900, brand: "Amex", holder: "ADA Byron", status: "D", created: "2026-02-04T00:00:00.000Z" },
  ];

  it("filters by search (any case), status, card type, amount and date range, newest first", async () => {
    const merchant = await mirrorWith(rows);
    const viewer = await admin();
    const keys = async (params: Record<string, string>) => (await listTransactions(viewer, merchant.slug, parseTransactionQuery(params))).items.map((item) => item.key);
    expect(await keys({})).toEqual(["t4", "t3", "t2", "t1"]);
    expect(await keys({ q: "ada" })).toEqual(["t4", "t1"]);
    expect(await keys({ status: "voided" })).toEqual(["t2"]);
    expect(await keys({ card: "Visa" })).toEqual(["t3", "t1"]);
    expect(await keys({ min: "25", max: "40.00" })).toEqual(["t3", "t2"]);
    expect(await keys({ from: "2026-02-02", to: "2026-02-03" })).toEqual(["t3", "t2"]);
    expect(await keys({ sort: "amount", dir: "asc" })).toEqual(["t1", "t2", "t3", "t4"]);
    const paged = await listTransactions(viewer, merchant.slug, parseTransactionQuery({ pageSize: "10", page: "1", sort: "cardholder", dir: "asc" }));
    expect(paged).toMatchObject({ total: 4, page: 1, pageSize: 10 });
  });

  it("takes a date filter's days in the viewer's zone: 23:30 there falls on that day, and 'to' includes it", async () => {
    const merchant = await mirrorWith([
      // 23:30 on 3 February in New York is 04:30 on the 4th in UTC.
      { key: "late", amountCents: 100, brand: "Visa", holder: "A", status: "S", created: "2026-02-04T04:30:00.000Z" },
      // 00:10 on 4 February in New York.
      { key: "early", amountCents: 100, brand: "Visa", holder: "B", status: "S", created: "2026-02-04T05:10:00.000Z" },
    ]);
    const viewer = await admin();
    const keys = async (timeZone: string | undefined, params: Record<string, string>) =>
      (await listTransactions({ ...viewer, timeZone }, merchant.slug, parseTransactionQuery(params))).items.map((item) => item.key);
    expect(await keys("America/New_York", { from: "2026-02-03", to: "2026-02-03" })).toEqual(["late"]);
    expect(await keys("America/New_York", { from: "2026-02-04", to: "2026-02-04" })).toEqual(["early"]);
    expect(await keys(undefined, { from: "2026-02-04", to: "2026-02-04" })).toEqual(["early", "late"]);
    expect(await keys("America/New_York", { to: "2026-02-03" })).toEqual(["late"]);
  });

  it("answers 'not found' for an account the viewer was not granted", async () => {
    const merchant = await mirrorWith(rows.slice(0, 1));
    const user = await db.user.create({ data: { email: `v-${randomUUID()}@t.example`, name: "V", passwordHash: "x", role: "VIEWER" } });
    const viewer: Viewer = { id: user.id, email: user.email, name: user.name, role: "VIEWER" };
    await expect(listTransactions(viewer, merchant.slug, parseTransactionQuery({}))).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await db.merchantGrant.create({ data: { userId: user.id, merchantAccountId: merchant.id } });
    expect((await listTransactions(viewer, merchant.slug, parseTransactionQuery({}))).total).toBe(1);
  });
});
