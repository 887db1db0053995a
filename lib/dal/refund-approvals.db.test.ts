import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getRefundApprovalLimit, listRefundApprovals, setRefundApprovalLimit } from "./refund-approvals";
import { META } from "./test-fixtures";
import { moneySetup, reason, transactionPage } from "./test-money";
import { refundTransaction } from "./transaction-money";

describe("the refund limit and its queue", { timeout: 30_000 }, () => {
  it("only admins set the limit; each change is audited with before and after", async () => {
    const t = await moneySetup();
    await expect(setRefundApprovalLimit(t.manager, t.merchant.id, 5_000, META)).rejects.toMatchObject({ code: "forbidden" });
    expect(await setRefundApprovalLimit(t.admin, t.merchant.id, 5_000, META)).toEqual({ status: "success", message: "Refunds above $50.00 now need a second person's approval." });
    expect(await getRefundApprovalLimit(t.admin, t.merchant.id)).toBe(5_000);
    await setRefundApprovalLimit(t.admin, t.merchant.id, null, META);
    const audit = await db.auditEvent.findMany({ where: { targetId: t.merchant.id, action: "merchant.refund_limit" }, orderBy: { at: "asc" } });
    expect(audit.map((event) => event.details)).toEqual([{ before: null, after: 5_000 }, { before: 5_000, after: null }]);
  });

  it("lists waiting requests, marking those the viewer may decide; a refund at the limit itself does not wait", async () => {
    const t = await moneySetup();
    await setRefundApprovalLimit(t.admin, t.merchant.id, 1_000, META);
    const sale = await t.sale(5_000);
    const first = (await transactionPage(t.manager, t.merchant.slug, sale.key, t.deps)).money.forms.refund!;
    expect((await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: first.token, amount: 1_000, ...reason }, META, t.deps)).message).toMatch(/^Refunded \$10\.00/);
    const second = (await transactionPage(t.manager, t.merchant.slug, sale.key, t.deps)).money.forms.refund!;
    await refundTransaction(t.manager, t.merchant.slug, { key: sale.key, token: second.token, amount: 1_001, ...reason }, META, t.deps);
    const mine = await listRefundApprovals(t.manager, t.merchant.slug, "pending", { page: 1, pageSize: 25 });
    expect(mine.limitCents).toBe(1_000);
    expect(mine.requests.items).toEqual([expect.objectContaining({ amountCents: 1_001, canDecide: false, card: "Visa ••••2224", requestedByEmail: t.manager.email })]);
    const theirs = await listRefundApprovals(t.otherManager, t.merchant.slug, "pending", { page: 1, pageSize: 25 });
    expect(theirs.requests.items[0]?.canDecide).toBe(true);
    await expect(listRefundApprovals(t.viewer, t.merchant.slug, "pending", { page: 1, pageSize: 25 })).rejects.toMatchObject({ code: "forbidden" });
  });
});
