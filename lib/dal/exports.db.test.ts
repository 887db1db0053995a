import { describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { TRANSACTION_SORTS } from "@/lib/validation/transactions";
import { startExport } from "./exports";
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
