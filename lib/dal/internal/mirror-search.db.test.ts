import { describe, expect, it } from "vitest";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import { customerListRow, transactionRow } from "@/lib/sync/mirror-rows";
import { makeMerchant } from "../test-fixtures";
import { listMirrorCustomers } from "./mirror-customers";
import { CANDIDATE_LIMIT, mirrorSearch } from "./mirror-search";
import { listMirrorTransactions } from "./mirror-transactions";

/**
 * The search indexes live in migrations only (prisma/migrations/*_frontend_mirror_search), so
 * these tests hold them: the SQLite trigram tables follow every write to the mirror through
 * their triggers, and a later migration that rebuilt a mirror table (dropping the triggers
 * with it) fails here; on PostgreSQL the trigram indexes exist.
 */
const sqlite = !isPostgresUrl(env.DATABASE_URL);
const query = { sort: "created" as const, dir: "desc" as const, page: 1, pageSize: 100 };

function tx(merchantId: string, key: string, cardholder: string) {
  return transactionRow(merchantId, { key, refnum: `R${key}`, createdAt: "2026-02-01T10:00:00.000Z", outcome: "approved", resultCode: "A", amountCents: 100, card: { cardholder }, isDuplicate: false, availableActions: [] });
}

const found = async (merchantId: string, q: string) => (await listMirrorTransactions({ merchantAccountId: merchantId, timeZone: "UTC" }, { ...query, q })).items.map((item) => item.key).sort();

describe("mirror search indexes", () => {
  it("keep step with inserts, upserts, updates and deletes", async () => {
    const merchant = await makeMerchant();
    await db.mirrorTransaction.createMany({ data: [tx(merchant.id, "a", "Jonathan Smith"), tx(merchant.id, "b", "Maria Reyes")] });
    expect(await found(merchant.id, "jonathan smith")).toEqual(["a"]);

    // The sync's upsert rewrites every column; a changed name moves the row to its new words.
    const changed = tx(merchant.id, "b", "Maria Smith");
    await db.mirrorTransaction.upsert({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key: "b" } }, create: changed, update: changed });
    expect(await found(merchant.id, "smith")).toEqual(["a", "b"]);
    expect(await found(merchant.id, "reyes")).toEqual([]);

    await db.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchant.id, key: "a" } });
    expect(await found(merchant.id, "jonathan")).toEqual([]);

    await db.mirrorCustomer.create({ data: customerListRow(merchant.id, { key: "c1", firstName: "Jonathan", lastName: "Smith", email: "jon@example.test", address: {} }) });
    expect((await listMirrorCustomers(merchant.id, { ...query, sort: "name", q: "Jonathan Smith" })).items.map((item) => item.key)).toEqual(["c1"]);

    if (!sqlite) return; // PostgreSQL's trigram index is part of the table: nothing to drift.
    const counts = await db.$queryRawUnsafe<{ base: number | bigint; indexed: number | bigint }[]>(
      `SELECT (SELECT count(*) FROM "MirrorTransaction") AS base, (SELECT count(*) FROM "MirrorTransactionSearch") AS indexed`,
    );
    expect(Number(counts[0]!.indexed)).toBe(Number(counts[0]!.base));
  });

  it("still exist after every migration: SQLite's triggers, PostgreSQL's trigram indexes", async () => {
    if (!sqlite) {
      const indexes = await db.$queryRawUnsafe<{ indexname: string }[]>(`SELECT indexname::text AS indexname FROM pg_indexes WHERE indexname LIKE 'Mirror%_search_trgm_idx' ORDER BY indexname`);
      expect(indexes.map((index) => index.indexname)).toEqual(["MirrorCustomer_search_trgm_idx", "MirrorTransaction_search_trgm_idx"]);
      return;
    }
    const triggers = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Mirror%_search_%' ORDER BY name`);
    expect(triggers.map((trigger) => trigger.name)).toEqual([
      "MirrorCustomer_search_delete",
      "MirrorCustomer_search_insert",
      "MirrorCustomer_search_update",
      "MirrorTransaction_search_delete",
      "MirrorTransaction_search_insert",
      "MirrorTransaction_search_update",
    ]);
  });

  it("answers words too short for a trigram, long words, and words too common for a key list, exactly", { timeout: 60_000 }, async () => {
    const merchant = await makeMerchant();
    await db.mirrorTransaction.createMany({ data: [tx(merchant.id, "x1", "Al Jo"), tx(merchant.id, "x2", "Al Smith"), tx(merchant.id, "x3", "jonathan.smith56@example.com"), tx(merchant.id, "x4", "jonathan.smith99@example.com")] });
    expect(await found(merchant.id, "al jo")).toEqual(["x1"]);
    expect(await found(merchant.id, "smith al")).toEqual(["x2"]);
    // A long word is looked up by its start and checked whole.
    expect(await found(merchant.id, "jonathan.smith56@example.com")).toEqual(["x3"]);

    const crowd = await makeMerchant();
    await db.mirrorTransaction.createMany({ data: Array.from({ length: CANDIDATE_LIMIT + 1 }, (_, index) => tx(crowd.id, `k${index}`, `Common Name ${index}`)) });
    const common = await mirrorSearch("transactions", crowd.id, "common");
    expect(common.where).toEqual({ AND: [{ search: { contains: "common" } }] });
    if (sqlite) expect(common.total).toBe(CANDIDATE_LIMIT + 1);
    expect((await listMirrorTransactions({ merchantAccountId: crowd.id, timeZone: "UTC" }, { ...query, q: "common name", pageSize: 10 })).total).toBe(CANDIDATE_LIMIT + 1);
    expect(await found(crowd.id, "name 899")).toEqual(["k899"]);
  });
});
