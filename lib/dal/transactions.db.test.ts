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

  it("searches as people type: a name either way round, an email, refnum, invoice or last four", async () => {
    const merchant = await db.merchantAccount.create({ data: { slug: `dal-${randomUUID().slice(0, 8)}`, name: "search" } });
    const viewer = await admin();
    const base = { outcome: "approved" as const, resultCode: "A", statusCode: "S", amountCents: 500, isDuplicate: false, availableActions: [], createdAt: "2026-02-01T10:00:00.000Z" };
    await db.mirrorTransaction.createMany({
      data: [
        transactionRow(merchant.id, { ...base, key: "s1", refnum: "3620103999", invoice: "INV-77", customerEmail: "jonathan.smith56@example.com", card: { brand: "Visa", maskedNumber: "4059xxxxxxxx5445", last4: "5445", cardholder: "Jonathan Smith" } }),
        transactionRow(merchant.id, { ...base, key: "s2", refnum: "3620100001", card: { brand: "Visa", maskedNumber: "4111xxxxxxxx1111", last4: "1111", cardholder: "Jonathan Jones" } }),
        transactionRow(merchant.id, { ...base, key: "s3", refnum: "3620100002", check: { accountholder: "Anna Smith", maskedAccount: "xxxxx3354" } }),
      ],
    });
    const keys = async (q: string) => (await listTransactions(viewer, merchant.slug, parseTransactionQuery({ q, sort: "amount" }))).items.map((item) => item.key).sort();
    expect(await keys("Jonathan Smith")).toEqual(["s1"]);
    expect(await keys("Smith, Jonathan")).toEqual(["s1"]);
    expect(await keys("smith")).toEqual(["s1", "s3"]);
    expect(await keys("Jonathan.Smith56@example.com")).toEqual(["s1"]);
    expect(await keys("3620103999")).toEqual(["s1"]);
    expect(await keys("inv-77")).toEqual(["s1"]);
    expect(await keys("5445")).toEqual(["s1"]);
    expect(await keys("3354")).toEqual(["s3"]);
    expect(await keys("Jonathan 1111")).toEqual(["s2"]);
  });

  it("answers a page past the end with the last page, not an empty table", async () => {
    const merchant = await mirrorWith(rows);
    const viewer = await admin();
    const paged = await listTransactions(viewer, merchant.slug, parseTransactionQuery({ pageSize: "10", page: "999999" }));
    expect(paged).toMatchObject({ total: 4, page: 1, pageSize: 10 });
    expect(paged.items.map((item) => item.key)).toEqual(["t4", "t3", "t2", "t1"]);
    const empty = await mirrorWith([]);
    expect(await listTransactions(viewer, empty.slug, parseTransactionQuery({ page: "7" }))).toMatchObject({ items: [], total: 0, page: 1 });
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

describe("kinds, the type filter and the totals row", () => {
  async function mirrorOfKinds() {
    const slug = `kinds-${randomUUID().slice(0, 8)}`;
    const merchant = await db.merchantAccount.create({ data: { slug, name: slug } });
    const row = (key: string, amountCents: number, typeCode: string, statusCode: string, extra: Partial<Parameters<typeof transactionRow>[1]> = {}) =>
      transactionRow(merchant.id, {
        key, refnum: `R${key}`, createdAt: "2026-03-01T10:00:00.000Z", outcome: "approved", resultCode: "A", typeCode, statusCode, amountCents,
        card: { brand: "V", maskedNumber: "XXXXXXXXXXXX2224", last4: "2224" }, isDuplicate: false, availableActions: [], ...extra,
      });
    await db.mirrorTransaction.createMany({
      data: [
        row("s1", 10_000, "S", "P"),
        row("s2", 5_000, "S", "S"),
        row("k1", 2_500, "K", "P", { card: undefined, check: { maskedAccount: "xxxxx3210" } }),
        row("r1", 1_500, "C", "P", { refundOf: { key: "s1", refnum: "Rs1" } }),
        row("c1", 700, "C", "P"),
        row("v1", 9_900, "V", "V"),
        row("a1", 4_000, "A", "N"),
        row("d1", 3_000, "S", "D", { outcome: "declined", resultCode: "D" }),
      ],
    });
    return merchant;
  }

  it("stores each row's kind and filters by it", async () => {
    const merchant = await mirrorOfKinds();
    const viewer = await admin();
    const kinds = Object.fromEntries((await db.mirrorTransaction.findMany({ where: { merchantAccountId: merchant.id } })).map((row) => [row.key, row.kind]));
    expect(kinds).toEqual({ s1: "sale", s2: "sale", k1: "check", r1: "refund", c1: "credit", v1: "void", a1: "auth-only", d1: "sale" });
    const keys = async (type: string) => (await listTransactions(viewer, merchant.slug, parseTransactionQuery({ type }))).items.map((item) => item.key).sort();
    expect(await keys("refund")).toEqual(["r1"]);
    expect(await keys("credit")).toEqual(["c1"]);
    expect(await keys("auth-only")).toEqual(["a1"]);
    expect(await keys("sale")).toEqual(["d1", "s1", "s2"]);
  });

  it("totals the whole filtered set in the database: approvals only, refunds and credits against gross, voids apart", async () => {
    const merchant = await mirrorOfKinds();
    const viewer = await admin();
    const totals = async (params: Record<string, string>) => (await listTransactions(viewer, merchant.slug, parseTransactionQuery(params))).totals;
    expect(await totals({ pageSize: "10" })).toEqual({
      count: 8, grossCents: 17_500, salesCount: 3, refundsCents: 2_200, refundsCount: 2, netCents: 15_300, voidsCount: 1, voidsCents: 9_900,
    });
    // Filtered: only pending rows (the page would show 10 of them; the totals cover all).
    expect(await totals({ status: "pending" })).toMatchObject({ count: 5, grossCents: 12_500, refundsCents: 2_200, netCents: 10_300 });
    expect(await totals({ type: "refund" })).toMatchObject({ count: 1, grossCents: 0, refundsCents: 1_500, netCents: -1_500 });
  });
});
