import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { dayCacheCounters } from "./internal/overview-day-cache";
import { getOverview } from "./overview";
import { makeMerchant, makeViewer } from "./test-fixtures";

/**
 * The overview's aggregates over a hand-made mirror whose totals are known. The account's
 * business zone is New York and "now" is 2026-02-10 10:00 there (15:00 UTC).
 */
const NOW = new Date("2026-02-10T15:00:00.000Z");

interface Made {
  key: string;
  at: string;
  cents: number;
  result?: "A" | "D" | "E";
  type?: string;
  status?: string;
  brand?: string;
  reason?: string;
  batch?: string;
}

const ROWS: Made[] = [
  { key: "sale-today", at: "2026-02-10T14:00:00Z", cents: 10_000, brand: "Visa", status: "P", batch: "b1" },
  // 23:30 on 9 February in New York, though 10 February in UTC: it belongs to the 9th.
  { key: "sale-late-evening", at: "2026-02-10T04:30:00Z", cents: 5_000, brand: "MasterCard", status: "S" },
  { key: "declined-today", at: "2026-02-10T12:00:00Z", cents: 3_000, result: "D", brand: "Visa", reason: "Insufficient funds (F51)" },
  { key: "declined-3d", at: "2026-02-07T15:00:00Z", cents: 2_000, result: "D", brand: "Visa", reason: "Do not Honor (F05)" },
  { key: "declined-10d", at: "2026-01-31T15:00:00Z", cents: 2_500, result: "D", brand: "Amex", reason: "Insufficient funds (F51)" },
  { key: "refund-2d", at: "2026-02-08T15:00:00Z", cents: 4_000, type: "C", brand: "Visa", status: "S" },
  // A mirror that stores refunds as negative amounts sums the same.
  { key: "refund-negative-6d", at: "2026-02-04T15:00:00Z", cents: -1_500, type: "C", brand: "Visa", status: "S" },
  { key: "refund-today", at: "2026-02-10T13:00:00Z", cents: 1_000, type: "C", brand: "Visa", status: "P", batch: "b1" },
  { key: "voided-today", at: "2026-02-10T11:00:00Z", cents: 7_000, type: "V", status: "V", brand: "Visa", batch: "b1" },
  { key: "error-today", at: "2026-02-10T10:00:00Z", cents: 1_000, result: "E", brand: "Visa", reason: "Card expired" },
  { key: "check-5d", at: "2026-02-05T15:00:00Z", cents: 6_000, type: "K", status: "S" },
  { key: "sale-40d", at: "2026-01-01T15:00:00Z", cents: 20_000, brand: "Visa", status: "S" },
];

async function mirror(merchantId: string, rows: Made[]) {
  await db.mirrorTransaction.createMany({
    data: rows.map((row) =>
      transactionRow(merchantId, {
        key: row.key, refnum: `R-${row.key}`, createdAt: row.at, outcome: row.result === "D" ? "declined" : row.result === "E" ? "error" : "approved",
        resultCode: row.result ?? "A", typeCode: row.type ?? "S", statusCode: row.status ?? (row.result ?? "S"), amountCents: row.cents,
        card: row.brand ? { brand: row.brand, maskedNumber: "XXXXXXXXXXXX1111", last4: "1111", cardholder: "Ada" } : undefined,
        check: row.brand ? undefined : { accountholder: "Ada", maskedAccount: "XXXXX1234" },
        batch: row.batch ? { key: row.batch, refnum: "77" } : undefined, errorMessage: row.reason, isDuplicate: false, availableActions: [],
      }),
    ),
  });
}

async function setUp() {
  const merchant = await makeMerchant();
  await db.merchantAccount.update({ where: { id: merchant.id }, data: { businessTimeZone: "America/New_York", batchCloseTime: "19:30" } });
  await mirror(merchant.id, ROWS);
  const other = await makeMerchant();
  await mirror(other.id, [{ key: "elsewhere", at: "2026-02-10T14:00:00Z", cents: 99_900, brand: "Visa" }]);
  const viewer = await makeViewer("MANAGER");
  await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchant.id } });
  return { merchant, other, viewer };
}

describe("overview aggregates", () => {
  it("totals today, 7 and 30 days in the account's business zone", async () => {
    const { merchant, viewer } = await setUp();
    const overview = await getOverview(viewer, { account: merchant.slug, now: NOW });
    expect(overview.zone).toBe("America/New_York");
    expect(overview.periods.today).toEqual({
      grossCents: 10_000, salesCount: 1, declinedCount: 1, declinedCents: 3_000, errorCount: 1, refundCount: 1, refundCents: 1_000, netCents: 9_000,
      approvalRate: 2 / 4,
    });
    expect(overview.periods.week).toEqual({
      grossCents: 21_000, salesCount: 3, declinedCount: 2, declinedCents: 5_000, errorCount: 1, refundCount: 3, refundCents: 6_500, netCents: 14_500,
      approvalRate: 4 / 7,
    });
    expect(overview.periods.month).toMatchObject({ grossCents: 21_000, salesCount: 3, declinedCount: 3, declinedCents: 7_500, refundCents: 6_500, netCents: 14_500 });
  });

  it("puts a sale at 23:30 local on that local day, and draws 30 days ending today", async () => {
    const { merchant, viewer } = await setUp();
    const { days } = await getOverview(viewer, { account: merchant.slug, now: NOW });
    expect(days).toHaveLength(30);
    expect(days[29]!.day).toBe("2026-02-10");
    expect(days[0]!.day).toBe("2026-01-12");
    expect(days.find((point) => point.day === "2026-02-09")).toMatchObject({ salesCents: 5_000, salesCount: 1 });
    expect(days[29]).toMatchObject({ salesCents: 10_000, declinedCents: 3_000, declinedCount: 1, refundCents: 1_000 });
    expect(days.reduce((sum, point) => sum + point.declinedCount, 0)).toBe(3);
  });

  it("ranks decline reasons and the card mix", async () => {
    const { merchant, viewer } = await setUp();
    const overview = await getOverview(viewer, { account: merchant.slug, now: NOW });
    expect(overview.declineReasons.month.map(({ label, count }) => [label, count])).toEqual([
      ["Insufficient funds (F51)", 2],
      ["Card expired", 1],
      ["Do not Honor (F05)", 1],
    ]);
    expect(overview.cardMix.week).toEqual([
      { label: "Visa", count: 1, cents: 10_000 },
      { label: "Check / other", count: 1, cents: 6_000 },
      { label: "MasterCard", count: 1, cents: 5_000 },
    ]);
  });

  it("shows the open batch's running total and its next cut-off in the business zone", async () => {
    const { merchant, viewer } = await setUp();
    const [status] = (await getOverview(viewer, { account: merchant.slug, now: NOW })).statuses;
    expect(status!.openBatch).toEqual({ batchRefnum: "77", salesCents: 10_000, refundCents: 1_000, totalCents: 9_000, count: 3, closesAt: "2026-02-11T00:30:00.000Z" });
  });

  it("covers only the accounts the viewer may see", async () => {
    const { merchant, other, viewer } = await setUp();
    const overview = await getOverview(viewer, { now: NOW });
    expect(overview.accounts.map((account) => account.slug)).toEqual([merchant.slug]);
    expect(overview.periods.today.grossCents).toBe(10_000);
    const refused = await getOverview(viewer, { account: other.slug, now: NOW });
    expect(refused.selected).toBeNull();
    expect(refused.periods.today.grossCents).toBe(10_000);
  });

  it("a second view groups no day again; a new row, a void of an older sale and a deletion each show at once, regrouping only their days", async () => {
    const { merchant, viewer } = await setUp();
    // The hand-made rows were written an hour ago; each view is a minute after the last (same day).
    await db.mirrorTransaction.updateMany({ where: { merchantAccountId: merchant.id }, data: { syncedAt: new Date(Date.now() - 3_600_000) } });
    let minute = 0;
    const view = () => getOverview(viewer, { account: merchant.slug, now: new Date(NOW.getTime() + (minute += 2) * 60_000) });
    const first = await view();
    await view(); // the newest write has now stood for over a minute: settled
    const grouped = dayCacheCounters.groupedDays;
    expect(await view()).toMatchObject({ periods: first.periods, days: first.days, declineReasons: first.declineReasons, cardMix: first.cardMix });
    expect(dayCacheCounters.groupedDays).toBe(grouped);

    // A sale arrives today: only today is grouped again.
    await mirror(merchant.id, [{ key: "sale-new", at: "2026-02-10T14:30:00Z", cents: 2_500, brand: "Visa" }]);
    const withSale = await view();
    expect(withSale.periods.today.grossCents).toBe(12_500);
    expect(dayCacheCounters.groupedDays).toBe(grouped + 1);

    // The 9th's sale is voided (its kind changes; its day is the 9th, not today).
    await db.mirrorTransaction.update({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key: "sale-late-evening" } }, data: { kind: "void" } });
    const afterVoid = await view();
    expect(afterVoid.days.find((point) => point.day === "2026-02-09")).toMatchObject({ salesCents: 0, salesCount: 0 });
    expect(afterVoid.periods.week.grossCents).toBe(withSale.periods.week.grossCents - 5_000);

    // A refund leaves the mirror (gone upstream): the counts no longer match, and it is gone from the totals.
    await db.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchant.id, key: "refund-2d" } });
    const afterDelete = await view();
    expect(afterDelete.periods.week.refundCount).toBe(afterVoid.periods.week.refundCount - 1);
    expect(afterDelete.periods.week.refundCents).toBe(afterVoid.periods.week.refundCents - 4_000);
  });

  it("views at the same moment, while rows change, each answer whole numbers", async () => {
    const { merchant, viewer } = await setUp();
    const view = () => getOverview(viewer, { account: merchant.slug, now: NOW });
    await view();
    await mirror(merchant.id, [{ key: "sale-concurrent", at: "2026-02-10T14:45:00Z", cents: 1_500, brand: "Visa" }]);
    // Started zero to three database round trips apart, so each is at another step when the next begins.
    const pending: Promise<Awaited<ReturnType<typeof view>>>[] = [];
    for (let i = 0; i < 12; i += 1) {
      pending.push(view());
      for (let trip = 0; trip < i % 4; trip += 1) await db.$queryRaw`SELECT 1`;
    }
    const views = await Promise.all(pending);
    for (const overview of views) expect(overview.periods.today.grossCents).toBe(11_500);
  });
});
