import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailReceipt, getReceipt } from "./receipts";
import { META } from "./test-fixtures";
import { moneySetup } from "./test-money";

describe("receipts", { timeout: 30_000 }, () => {
  it("renders USAePay's receipt HTML and emails it to the address given, audited", async () => {
    const t = await moneySetup();
    const sale = await t.sale(1_999);
    const receipt = await getReceipt(t.viewer, t.merchant.slug, sale.key, t.deps);
    expect(receipt.ok).toBe(true);
    expect(receipt.ok && receipt.html).toMatch(/<html|<table|<div/i);
    expect(receipt.ok && receipt.html).toContain("19.99");

    await expect(emailReceipt(t.viewer, t.merchant.slug, { key: sale.key, email: "ada@example.com" }, META, t.deps)).rejects.toMatchObject({ code: "forbidden" });
    expect(await emailReceipt(t.manager, t.merchant.slug, { key: sale.key, email: "ada@example.com" }, META, t.deps)).toEqual({ status: "success", message: "USAePay is emailing the receipt to ada@example.com." });
    const sent = (await t.emu.control("GET", `sent-receipts/${t.upstream.key}`)) as { data: { transactionKey: string; toemail: string }[] };
    expect(sent.data).toEqual([expect.objectContaining({ transactionKey: sale.key, toemail: "ada@example.com" })]);
    expect(await db.auditEvent.count({ where: { targetId: sale.key, action: "transaction.receipt.email", outcome: "success" } })).toBe(1);
  });

  it("says so plainly when USAePay has no receipt for the key", async () => {
    const t = await moneySetup();
    expect(await getReceipt(t.manager, t.merchant.slug, "nosuchtransaction", t.deps)).toEqual({ ok: false, message: "USAePay has no receipt for this transaction.", customerEmail: null });
  });
});
