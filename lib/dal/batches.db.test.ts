import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runMerchantSync } from "@/lib/sync/runner";
import { parseTransactionQuery } from "@/lib/validation/transactions";
import { closeBatch, getBatchDetail, listBatches } from "./batches";
import { META } from "./test-fixtures";
import { moneySetup, reason, transactionPage } from "./test-money";
import { refundTransaction, voidTransaction } from "./transaction-money";

const firstPage = { page: 1, pageSize: 25 };
const sync = (t: Awaited<ReturnType<typeof moneySetup>>) => runMerchantSync(t.merchant.id, { fetch: t.deps.fetch, settings: { detailsPerRun: 0, restFactor: 0 } });

describe("batches", { timeout: 30_000 }, () => {
  it("the open batch's figures from USAePay equal the sums of its transactions in Paydesk's copy", async () => {
    const t = await moneySetup();
    const [a, b, c] = [await t.sale(10_000), await t.sale(2_550), await t.sale(4_000)];
    const refundForm = (await transactionPage(t.manager, t.merchant.slug, a.key, t.deps)).money.forms.refund!;
    await refundTransaction(t.manager, t.merchant.slug, { key: a.key, token: refundForm.token, amount: 1_234, ...reason }, META, t.deps);
    const voidForm = (await transactionPage(t.manager, t.merchant.slug, c.key, t.deps)).money.forms.void!;
    await voidTransaction(t.manager, t.merchant.slug, { key: c.key, token: voidForm.token, release: false, ...reason }, META, t.deps);
    expect(b.key).toBeTruthy();
    await sync(t);

    const list = await listBatches(t.manager, t.merchant.slug, firstPage, t.deps);
    expect(list.source).toBe("live");
    expect(list.items).toHaveLength(1);
    expect(list.open?.closeToken).toBeNull(); // managers may not close

    const detail = await getBatchDetail(t.manager, t.merchant.slug, list.items[0]!.key, parseTransactionQuery({}), t.deps);
    expect(detail.batch).toMatchObject({ status: "open", salesCount: 2, salesCents: 12_550, refundsCount: 1, refundsCents: 1_234, voidsCount: 1, voidsCents: 4_000, netCents: 11_316, voidsFrom: "gateway" });
    expect(detail.totals).toMatchObject({ count: 4, salesCount: 2, grossCents: 12_550, refundsCount: 1, refundsCents: 1_234, voidsCount: 1, voidsCents: 4_000, netCents: 11_316 });
    expect(detail.transactions.items.map((tx) => tx.key).sort()).toEqual(expect.arrayContaining([a.key, b.key, c.key]));
  });

  it("reads the batch list from USAePay at most once a minute", async () => {
    const t = await moneySetup();
    await t.sale(500);
    const listCalls = async () => (await t.counters()).routes["GET /batches"] ?? 0;
    await listBatches(t.viewer, t.merchant.slug, firstPage, t.deps);
    await listBatches(t.viewer, t.merchant.slug, firstPage, t.deps);
    expect(await listCalls()).toBe(1);
  });

  it("a batch opened since the list was read shows at once (the open batch is read live)", async () => {
    const t = await moneySetup();
    await t.sale(500);
    const first = await listBatches(t.viewer, t.merchant.slug, firstPage, t.deps);
    await t.closeBatch();
    await t.sale(600);
    const second = await listBatches(t.viewer, t.merchant.slug, firstPage, t.deps);
    expect(second.open?.batch.key).toBeTruthy();
    expect(second.open?.batch.key).not.toBe(first.open?.batch.key);
    expect(second.items.map((batch) => batch.key)).toContain(second.open!.batch.key);
  });

  it("an admin closes the open batch once; its transactions show settled at once; others may not", async () => {
    const t = await moneySetup();
    const sale = await t.sale(7_000);
    await transactionPage(t.admin, t.merchant.slug, sale.key, t.deps);
    const viewerList = await listBatches(t.viewer, t.merchant.slug, firstPage, t.deps);
    expect(viewerList.open?.closeToken).toBeNull();
    const list = await listBatches(t.admin, t.merchant.slug, firstPage, t.deps);
    const open = list.open!;
    await expect(closeBatch(t.manager, t.merchant.slug, { batch: open.batch.key, token: open.closeToken! }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });

    const closes = async () => (await t.counters()).routes["POST /batches/current/close"] ?? 0;
    const input = { batch: open.batch.key, token: open.closeToken! };
    const results = await Promise.all([closeBatch(t.admin, t.merchant.slug, input, META, t.deps), closeBatch(t.admin, t.merchant.slug, { ...input }, META, t.deps)]);
    expect(await closes()).toBe(1);
    expect(results.some((result) => result.status === "success" && /is closed/.test(result.message ?? ""))).toBe(true);
    expect(await db.mirrorBatch.findUniqueOrThrow({ where: { merchantAccountId_key: { merchantAccountId: t.merchant.id, key: open.batch.key } } })).toMatchObject({ status: "closed" });
    expect(await db.mirrorTransaction.findUniqueOrThrow({ where: { merchantAccountId_key: { merchantAccountId: t.merchant.id, key: sale.key } } })).toMatchObject({ statusCode: "S" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: open.batch.key, action: "money.usaepay.batch_close" } });
    expect(audit).toMatchObject({ actorId: t.admin.id, outcome: "success" });

    // The old form again: answered from the first close; a form for a batch no longer open is refused without a call.
    const again = await closeBatch(t.admin, t.merchant.slug, input, META, t.deps);
    expect(again.message).toMatch(/^This form was already sent/);
    expect(await closes()).toBe(1);
  });
});
