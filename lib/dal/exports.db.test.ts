import { describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { CLIENTPAY_PAYMENT_COLUMNS, CLIENTPAY_PAYMENT_SORTS, parseClientpayPaymentQuery } from "@/lib/validation/clientpay-payments";
import { TRANSACTION_SORTS } from "@/lib/validation/transactions";
import { startExport } from "./exports";
import { BATCH_SORT_KEYS } from "./internal/batch-rows";
import { clientpayPaymentSortKeys, clientpayPaymentWhere, listClientpayPaymentRows } from "./internal/clientpay-payments-store";
import { keysetBatches, orderByOf } from "./internal/keyset";
import { transactionSortKeys, transactionWhere } from "./internal/mirror-transactions";
import { makeMerchant, makeViewer, META } from "./test-fixtures";

/** Exports: the whole filtered set, in the table's order and the viewer's zone, audited. */
// The gateway's brand codes (docs/usaepay-api.md, Transaction objects): the filter maps "Visa" to "V".
const BRANDS = ["V", "M", "A", null] as const;
const STATUSES = ["S", "P", "V", "D", null] as const;

async function mirrorOf(count: number) {
  const merchant = await makeMerchant();
  await db.mirrorTransaction.createMany({
    data: Array.from({ length: count }, (_, index) => {
      const brand = BRANDS[index % BRANDS.length];
      return transactionRow(merchant.id, {
        key: `k${String(index).padStart(4, "0")}`, refnum: String(5000 + index),
        // Two rows share each timestamp and amounts repeat, so the tie-breakers matter.
        createdAt: new Date(Date.UTC(2026, 1, 1, 12) + Math.floor(index / 2) * 3_600_000).toISOString(),
        outcome: "approved", resultCode: "A", statusCode: STATUSES[index % STATUSES.length] ?? undefined, statusLabel: "x",
        amountCents: 100 * (index % 7), isDuplicate: false, availableActions: [],
        card: brand ? { brand, maskedNumber: "XXXXXXXXXXXX4242", last4: "4242", cardholder: index % 3 === 0 ? undefined : `Holder ${index % 5}` } : undefined,
        description: index === 3 ? "=HYPERLINK(\"http://evil.example\")" : undefined,
      });
    }),
  });
  return merchant;
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

function records(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
}

describe("exports", () => {
  it("walks every row exactly once, in the page's order, for every sort and direction", { timeout: 30_000 }, async () => {
    const merchant = await mirrorOf(61);
    const where = await transactionWhere({ merchantAccountId: merchant.id, timeZone: "UTC" }, {});
    for (const sort of TRANSACTION_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const keys = transactionSortKeys(sort, dir);
        const expected = await db.mirrorTransaction.findMany({ where, orderBy: orderByOf(keys) as Prisma.MirrorTransactionOrderByWithRelationInput[], select: { key: true } });
        const walked: string[] = [];
        for await (const batch of keysetBatches({
          where: where as Record<string, unknown>,
          keys,
          batchSize: 4,
          fetch: (args) => db.mirrorTransaction.findMany({ ...(args as Prisma.MirrorTransactionFindManyArgs), select: { key: true, createdAt: true, amountCents: true, statusCode: true, cardholder: true } }),
        })) {
          walked.push(...batch.map((row) => row.key));
        }
        expect({ sort, dir, keys: walked }).toEqual({ sort, dir, keys: expected.map((row) => row.key) });
      }
    }
  });

  it("exports the whole filtered set with the chosen columns, and audits who, what and how many", async () => {
    const merchant = await mirrorOf(130);
    const viewer = await makeViewer("ADMIN");
    const all = await startExport(viewer, "transactions", new URLSearchParams({ merchant: merchant.slug }), META);
    expect(all.total).toBe(130);
    const allRows = records(await readAll(all.body));
    expect(allRows[0]).toBe("Date (UTC),Ref #,Customer,Card,Status,Type,Amount");
    expect(allRows).toHaveLength(131);

    const filtered = await startExport(viewer, "transactions", new URLSearchParams({ merchant: merchant.slug, card: "Visa", status: "settled", columns: "refnum,amount,description" }), META);
    const visaSettled = await db.mirrorTransaction.count({ where: { merchantAccountId: merchant.id, cardBrand: "V", statusCode: "S" } });
    expect(visaSettled).toBeGreaterThan(0);
    expect(filtered.total).toBe(visaSettled);
    const rows = records(await readAll(filtered.body));
    expect(rows[0]).toBe("Ref #,Amount,Description");
    expect(rows).toHaveLength(visaSettled + 1);

    const events = await db.auditEvent.findMany({ where: { actorId: viewer.id, action: "export.transactions" } });
    expect(events.map((candidate) => (candidate.details as { rows: number }).rows).sort((a, b) => a - b)).toEqual([visaSettled, 130].sort((a, b) => a - b));
    const event = events.find((candidate) => (candidate.details as { rows: number }).rows === visaSettled)!;
    expect(event).toMatchObject({ outcome: "success", targetType: "merchant", targetId: merchant.id, merchantAccountId: merchant.id });
    expect(event.details).toMatchObject({ rows: visaSettled, filters: "status=settled&card=Visa", columns: ["refnum", "amount", "description"] });

    const cards = records(await readAll((await startExport(viewer, "transactions", new URLSearchParams({ merchant: merchant.slug, card: "Visa", columns: "card" }), META)).body));
    expect(new Set(cards.slice(1))).toEqual(new Set(["Visa 4242"]));

  });

  it("neutralises formulas and writes dates in the viewer's zone, with days of that zone", async () => {
    const merchant = await mirrorOf(8);
    const viewer = await makeViewer("ADMIN");
    await db.user.update({ where: { id: viewer.id }, data: { timeZone: "America/New_York" } });
    const inZone = { ...viewer, timeZone: "America/New_York" };
    // 2026-02-01 12:00 UTC is 07:00 in New York; rows run hourly from there.
    const download = await startExport(inZone, "transactions", new URLSearchParams({ merchant: merchant.slug, sort: "created", dir: "asc", columns: "created,description", to: "2026-02-01" }), META);
    const rows = records(await readAll(download.body));
    expect(rows[0]).toBe("Date (America/New_York),Description");
    expect(rows[1]).toBe("2026-02-01 07:00:00,");
    expect(rows).toContain('2026-02-01 08:00:00,"\'=HYPERLINK(""http://evil.example"")"');
    expect(download.total).toBe(8);
    expect(download.filename).toMatch(new RegExp(`^transactions-${merchant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  });

  it("refuses a viewer without the export permission and another account's table", async () => {
    const merchant = await mirrorOf(3);
    const viewer = await makeViewer("VIEWER");
    await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchant.id } });
    await expect(startExport(viewer, "transactions", new URLSearchParams({ merchant: merchant.slug }), META)).rejects.toThrow(/not allowed/);
    const manager = await makeViewer("MANAGER");
    await expect(startExport(manager, "transactions", new URLSearchParams({ merchant: merchant.slug }), META)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(startExport(manager, "nothing", new URLSearchParams(), META)).rejects.toThrow(/no such table/);
  });

  it("exports the audit log with its filters, and a manager only their accounts' money events", async () => {
    const merchant = await makeMerchant();
    const elsewhere = await makeMerchant();
    const admin = await makeViewer("ADMIN");
    const manager = await makeViewer("MANAGER");
    await db.merchantGrant.create({ data: { userId: manager.id, merchantAccountId: merchant.id } });
    const marker = `refund-${merchant.id}`;
    await recordAuditEvent({ actor: admin, action: "money.usaepay.refund", targetType: "transaction", targetId: marker, details: { merchantId: merchant.id, amountCents: 500 } });
    await recordAuditEvent({ actor: admin, action: "money.usaepay.refund", targetType: "transaction", targetId: `${marker}-x`, details: { merchantId: elsewhere.id, amountCents: 700 } });
    await recordAuditEvent({ actor: admin, action: "merchant.update", targetType: "merchant", targetId: merchant.id, details: { before: { name: "A" }, after: { name: "B" } } });

    const mine = await startExport(manager, "audit", new URLSearchParams({ q: marker }), META);
    const rows = records(await readAll(mine.body));
    expect(mine.total).toBe(1);
    expect(rows[0]).toBe("Time (UTC),Actor,Action,Outcome,Target,Account,Details,IP");
    expect(rows[1]).toContain(`${admin.email},money.usaepay.refund,success,transaction (not in the local copy),${merchant.name}`);

    // The admin sees both refunds, and the manager's export of theirs (its filters name the marker).
    const everything = await startExport(admin, "audit", new URLSearchParams({ q: marker }), META);
    expect(everything.total).toBe(3);
    const found = records(await readAll(everything.body));
    expect(found.filter((row) => row.includes(`${manager.email},export.audit,success`))).toHaveLength(1);
    const byAccount = await startExport(admin, "audit", new URLSearchParams({ account: merchant.slug, actor: admin.email }), META);
    expect(byAccount.total).toBe(2);
    const changes = records(await readAll(byAccount.body));
    expect(changes.some((row) => row.includes("name: A → B"))).toBe(true);
  });
});

const CLIENTPAY_COLUMN_IDS = CLIENTPAY_PAYMENT_COLUMNS.map((column) => column.id);

/** Batches of an account's local copy: hourly openings with ties, two never opened, voids from either source. */
async function batchesOf(count: number) {
  const merchant = await makeMerchant();
  await db.mirrorBatch.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      merchantAccountId: merchant.id,
      key: `b${String(index).padStart(3, "0")}`,
      refnum: index % 5 === 4 ? null : String(900 + index),
      status: index === count - 1 ? "open" : "closed",
      // Two batches share each opening hour; the last two were never opened (unknown to the list).
      openedAt: index >= count - 2 ? null : new Date(Date.UTC(2026, 1, 1, 12) + Math.floor(index / 2) * 3_600_000),
      closedAt: index >= count - 2 ? null : new Date(Date.UTC(2026, 1, 1, 13) + Math.floor(index / 2) * 3_600_000),
      salesCount: index + 1, salesCents: 10_000 + index * 101, refundsCount: index % 3, refundsCents: (index % 3) * 250,
      netCents: 10_000 + index * 101 - (index % 3) * 250, totalCount: index + 1 + (index % 3),
      // Even batches have USAePay's detail (its voids); odd ones count voids from the transactions mirror.
      ...(index % 2 === 0 ? { detailReadAt: new Date(), voidsCount: 1, voidsCents: 700 } : {}),
    })),
  });
  return merchant;
}

/** ClientPay payments of an account's local copy, with a secret-shaped marker in every field the export must leave out. */
async function paymentsOf(count: number) {
  const merchant = await makeMerchant();
  const statuses = ["Approved", "Declined", "Refunded", "PartiallyRefunded", "Voided"] as const;
  await db.clientpayPayment.createMany({
    data: Array.from({ length: count }, (_, index) => {
      const paymentId = String(70_000 + index);
      // Two payments share each time, amount, status and payer, so every tie-breaker matters.
      const pair = Math.floor(index / 2);
      const payerName = pair % 6 === 5 ? null : `Payer ${String.fromCharCode(65 + (pair % 4))}`;
      const payerEmail = payerName ? `payer${pair % 4}@example.test` : null;
      const status = statuses[pair % statuses.length]!;
      const method = index % 3 === 0 ? "eCheck" : "card";
      return {
        merchantAccountId: merchant.id, paymentId, paymentNumber: BigInt(paymentId),
        requestIdHash: `SECRET-request-${index}`, sessionId: `SECRET-session-${index}`, paymentMethodId: `SECRET-method-${index}`,
        status,
        paidAt: new Date(Date.UTC(2026, 1, 1, 12) + pair * 3_600_000),
        amountCents: 1_000 * (1 + (pair % 7)), taxCents: 50, surchargeCents: index % 2 === 0 ? 0 : 30,
        refundedCents: status === "Refunded" ? 1_000 * (1 + (pair % 7)) : status === "PartiallyRefunded" ? 500 : 0,
        method, cardBrand: method === "card" ? "Visa" : null, accountLast4: method === "card" ? "1111" : "0010",
        payerId: payerName ? `p${index % 4}` : null, payerName, payerNameLower: payerName?.toLowerCase() ?? null, payerEmail,
        invoiceNumbers: index % 4 === 0 ? `INV-${index}, INV-${index + 1}` : null, orderId: index % 5 === 0 ? `ORD-${index}` : null,
        description: index === 2 ? "=cmd|' /C calc'!A0" : null, isSettled: index % 2 === 0,
        search: [payerName, payerEmail, paymentId].filter(Boolean).join(" ").toLowerCase(),
      };
    }),
  });
  return merchant;
}

describe("exports of batches and ClientPay payments", () => {
  it("walks every batch exactly once, newest first with the never-opened ones last", async () => {
    const merchant = await batchesOf(13);
    const rows = await db.mirrorBatch.findMany({ where: { merchantAccountId: merchant.id } });
    // The table's order, written out: openedAt descending, nulls last, then key descending.
    const expected = [...rows]
      .sort((a, b) => (a.openedAt === null ? 1 : 0) - (b.openedAt === null ? 1 : 0) || (b.openedAt?.getTime() ?? 0) - (a.openedAt?.getTime() ?? 0) || (a.key < b.key ? 1 : -1))
      .map((row) => row.key);
    expect(expected.slice(-2)).toEqual(["b012", "b011"]);
    const walked: string[] = [];
    for await (const batch of keysetBatches({ where: { merchantAccountId: merchant.id }, keys: BATCH_SORT_KEYS, batchSize: 3, fetch: (args) => db.mirrorBatch.findMany(args as Prisma.MirrorBatchFindManyArgs) })) {
      walked.push(...batch.map((row) => row.key));
    }
    expect(walked).toEqual(expected);
    const page = await db.mirrorBatch.findMany({ where: { merchantAccountId: merchant.id }, orderBy: orderByOf(BATCH_SORT_KEYS) as Prisma.MirrorBatchOrderByWithRelationInput[] });
    expect(page.map((row) => row.key)).toEqual(expected);
  });

  it("exports an account's batches in the table's order, dates in the viewer's zone, amounts in dollars, voids as the page counts them", async () => {
    const merchant = await batchesOf(13);
    await batchesOf(4); // another account's batches are not in this account's export
    // Voids of an odd batch (b001), from the transactions mirror: the batch list has none.
    await db.mirrorTransaction.createMany({
      data: [1_250, 300].map((amountCents, index) => ({
        ...transactionRow(merchant.id, { key: `v${index}`, refnum: `80${index}`, createdAt: "2026-02-01T12:30:00Z", outcome: "approved", resultCode: "A", amountCents, isDuplicate: false, availableActions: [] }),
        kind: "void", batchKey: "b001", batchRefnum: "901",
      })),
    });
    const viewer = await makeViewer("MANAGER");
    await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchant.id } });
    const inZone = { ...viewer, timeZone: "America/New_York" };
    await db.user.update({ where: { id: viewer.id }, data: { timeZone: "America/New_York" } });

    const download = await startExport(inZone, "batches", new URLSearchParams({ merchant: merchant.slug, page: "3" }), META);
    expect(download.total).toBe(13);
    expect(download.filename).toMatch(new RegExp(`^batches-${merchant.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = records(await readAll(download.body));
    expect(rows[0]).toBe("Batch,Opened (America/New_York),Closed (America/New_York),Status,Sales,Sales amount,Refunds,Refunds amount,Voids,Voids amount,Net");
    expect(rows).toHaveLength(14);
    // b010 opened last (17:00 UTC, 12:00 in New York); b009 and b008 share 16:00, the higher key first (b009 has no refnum: its key).
    expect(rows[1]).toBe("910,2026-02-01 12:00:00,2026-02-01 13:00:00,Closed,11,110.10,1,-2.50,1,7.00,107.60");
    expect(rows[2]).toBe("b009,2026-02-01 11:00:00,2026-02-01 12:00:00,Closed,10,109.09,0,0.00,0,0.00,109.09");
    expect(rows[3]).toMatch(/^908,2026-02-01 11:00:00,/);
    // Never opened: last, by key.
    expect(rows.at(-2)).toBe("912,,,Open,13,112.12,0,0.00,1,7.00,112.12");
    expect(rows.at(-1)).toBe("911,,,Closed,12,111.11,2,-5.00,0,0.00,106.11");

    const all = records(await readAll((await startExport(inZone, "batches", new URLSearchParams({ merchant: merchant.slug, columns: "key,voidsCount,voidsAmount,voidsFrom,totalCount" }), META)).body));
    expect(all[0]).toBe("Voids,Voids amount,Voids counted by,Transactions,Batch key");
    expect(all).toContain("2,15.50,Paydesk,3,b001");
    expect(all).toContain("1,7.00,USAePay,1,b000");
    const events = await db.auditEvent.findMany({ where: { actorId: viewer.id, action: "export.batches" } });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ outcome: "success", targetId: merchant.id });
    expect(events.map((event) => event.details)).toEqual([expect.objectContaining({ rows: 13, filters: "" }), expect.objectContaining({ rows: 13, filters: "" })]);
  });

  it("walks every payment exactly once in the table's order, for every sort and direction", { timeout: 30_000 }, async () => {
    const merchant = await paymentsOf(37);
    const scope = { merchantAccountId: merchant.id, timeZone: "UTC" };
    const where = clientpayPaymentWhere(scope, {});
    for (const sort of CLIENTPAY_PAYMENT_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        // The table as a person pages through it, ten rows at a time.
        const paged: string[] = [];
        for (let page = 1; page <= 4; page += 1) {
          const { items } = await listClientpayPaymentRows(scope, parseClientpayPaymentQuery({ sort, dir, page: String(page), pageSize: "10" }));
          paged.push(...items.map((payment) => payment.paymentId));
        }
        const walked: string[] = [];
        for await (const batch of keysetBatches({
          where: where as Record<string, unknown>,
          keys: clientpayPaymentSortKeys(sort, dir),
          batchSize: 4,
          fetch: (args) => db.clientpayPayment.findMany({ ...(args as Prisma.ClientpayPaymentFindManyArgs), select: { paymentId: true, paymentNumber: true, paidAt: true, amountCents: true, payerNameLower: true, status: true } }),
        })) {
          walked.push(...batch.map((row) => row.paymentId));
        }
        expect(new Set(paged).size).toBe(37);
        expect({ sort, dir, ids: walked }).toEqual({ sort, dir, ids: paged });
      }
    }
  });

  it("exports the filtered payments in the table's sort, masked as the table shows them, with no secret in any column", async () => {
    const merchant = await paymentsOf(60);
    await paymentsOf(5); // another account's payments are not in this account's export
    const viewer = await makeViewer("ADMIN");

    const filter = { status: "Approved", method: "card", min: "40" };
    const expected = await db.clientpayPayment.count({ where: { merchantAccountId: merchant.id, status: "Approved", method: "card", amountCents: { gte: 4_000 } } });
    expect(expected).toBeGreaterThan(3);
    expect(expected).toBeLessThan(60);
    const download = await startExport(viewer, "payments", new URLSearchParams({ merchant: merchant.slug, ...filter, sort: "amount", dir: "asc" }), META);
    expect(download.total).toBe(expected);
    expect(download.filename).toMatch(new RegExp(`^payments-${merchant.slug}-`));
    const rows = records(await readAll(download.body));
    expect(rows[0]).toBe("Paid (UTC),Payment #,Payer,Payer email,Invoices,Order number,Method,Status,Amount,Refunded");
    expect(rows).toHaveLength(expected + 1);
    for (const row of rows.slice(1)) expect(row).toMatch(/,Visa ••••1111,Approved,\d+\.\d{2},0\.00$/);
    const amounts = rows.slice(1).map((row) => Number(row.split(",").at(-2)));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    expect(new Set(amounts).size).toBeGreaterThan(1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: viewer.id, action: "export.payments" } });
    expect(event.details).toMatchObject({ rows: expected, filters: "status=Approved&method=card&min=40&sort=amount&dir=asc" });

    // Every column, every payment: no request ID, session ID or saved method's id; formulas neutralised.
    const everything = await readAll((await startExport(viewer, "payments", new URLSearchParams({ merchant: merchant.slug, columns: CLIENTPAY_COLUMN_IDS.join(",") }), META)).body);
    expect(records(everything)).toHaveLength(61);
    expect(everything).not.toMatch(/SECRET/);
    expect(records(everything)[0]).toBe(
      "Paid (UTC),Payment #,Payer,Payer email,Invoices,Order number,Method,Status,Amount,Refunded,Tax,Surcharge,Settled,Settled at (UTC),Paid (ClientPay's time),Description,Customer reference,Payer ID",
    );
    expect(everything).toContain("'=cmd|' /C calc'!A0");
    // Newest first by default: the last two payments share the newest time, the higher number first.
    expect(records(everything)[1]).toMatch(/^2026-02-02 17:00:00,70059,/);
    expect(records(everything)[2]).toMatch(/^2026-02-02 17:00:00,70058,/);
  });

  it("refuses a viewer without the export permission and another account's batches or payments", async () => {
    const batches = await batchesOf(2);
    const payments = await paymentsOf(2);
    const viewer = await makeViewer("VIEWER");
    const manager = await makeViewer("MANAGER");
    for (const merchant of [batches, payments]) {
      await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchant.id } });
    }
    for (const [table, merchant] of [["batches", batches], ["payments", payments]] as const) {
      await expect(startExport(viewer, table, new URLSearchParams({ merchant: merchant.slug }), META)).rejects.toThrow(/not allowed/);
      await expect(startExport(manager, table, new URLSearchParams({ merchant: merchant.slug }), META)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
    expect(await db.auditEvent.count({ where: { actorId: { in: [viewer.id, manager.id] }, action: { in: ["export.batches", "export.payments"] } } })).toBe(0);
  });
});
