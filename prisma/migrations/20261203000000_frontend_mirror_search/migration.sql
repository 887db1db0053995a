-- Search as people type (lib/dal/internal/mirror-search.ts): every word of a query must
-- appear in the row's lower-cased "search" column. LIKE '%word%' scans every row of an
-- account; these FTS5 trigram tables answer the same question from an index. They are not
-- in prisma/schema.prisma (Prisma cannot describe a virtual table or a trigger), so
-- `prisma migrate diff` neither creates nor drops them; lib/dal/internal/mirror-search.db.test.ts
-- fails if a later migration rebuilds a mirror table and loses the triggers.

-- MirrorTransactionSearch: a trigram index of "MirrorTransaction"."search" for substring search. Rows are the base
-- table's rowids (so a delete or update finds its entry); "key" is kept beside the text and
-- checked too, so an entry can never stand for another row. The triggers keep it current
-- for every writer (sync, live detail reads, money flows) without any of them knowing.
CREATE VIRTUAL TABLE "MirrorTransactionSearch" USING fts5("search", "merchantAccountId" UNINDEXED, "key" UNINDEXED, tokenize = 'trigram');

INSERT INTO "MirrorTransactionSearch" (rowid, "search", "merchantAccountId", "key")
SELECT rowid, "search", "merchantAccountId", "key" FROM "MirrorTransaction";

CREATE TRIGGER "MirrorTransaction_search_insert" AFTER INSERT ON "MirrorTransaction"
BEGIN
    REPLACE INTO "MirrorTransactionSearch" (rowid, "search", "merchantAccountId", "key") VALUES (new.rowid, new."search", new."merchantAccountId", new."key");
END;

-- Upserts rewrite every column: only a changed text (or identity) touches the index.
CREATE TRIGGER "MirrorTransaction_search_update" AFTER UPDATE OF "search", "merchantAccountId", "key" ON "MirrorTransaction"
WHEN old."search" IS NOT new."search" OR old."merchantAccountId" IS NOT new."merchantAccountId" OR old."key" IS NOT new."key"
BEGIN
    DELETE FROM "MirrorTransactionSearch" WHERE rowid = old.rowid;
    REPLACE INTO "MirrorTransactionSearch" (rowid, "search", "merchantAccountId", "key") VALUES (new.rowid, new."search", new."merchantAccountId", new."key");
END;

CREATE TRIGGER "MirrorTransaction_search_delete" AFTER DELETE ON "MirrorTransaction"
BEGIN
    DELETE FROM "MirrorTransactionSearch" WHERE rowid = old.rowid AND "key" = old."key";
END;

-- MirrorCustomerSearch: a trigram index of "MirrorCustomer"."search" for substring search. Rows are the base
-- table's rowids (so a delete or update finds its entry); "key" is kept beside the text and
-- checked too, so an entry can never stand for another row. The triggers keep it current
-- for every writer (sync, live detail reads, money flows) without any of them knowing.
CREATE VIRTUAL TABLE "MirrorCustomerSearch" USING fts5("search", "merchantAccountId" UNINDEXED, "key" UNINDEXED, tokenize = 'trigram');

INSERT INTO "MirrorCustomerSearch" (rowid, "search", "merchantAccountId", "key")
SELECT rowid, "search", "merchantAccountId", "key" FROM "MirrorCustomer";

CREATE TRIGGER "MirrorCustomer_search_insert" AFTER INSERT ON "MirrorCustomer"
BEGIN
    REPLACE INTO "MirrorCustomerSearch" (rowid, "search", "merchantAccountId", "key") VALUES (new.rowid, new."search", new."merchantAccountId", new."key");
END;

-- Upserts rewrite every column: only a changed text (or identity) touches the index.
CREATE TRIGGER "MirrorCustomer_search_update" AFTER UPDATE OF "search", "merchantAccountId", "key" ON "MirrorCustomer"
WHEN old."search" IS NOT new."search" OR old."merchantAccountId" IS NOT new."merchantAccountId" OR old."key" IS NOT new."key"
BEGIN
    DELETE FROM "MirrorCustomerSearch" WHERE rowid = old.rowid;
    REPLACE INTO "MirrorCustomerSearch" (rowid, "search", "merchantAccountId", "key") VALUES (new.rowid, new."search", new."merchantAccountId", new."key");
END;

CREATE TRIGGER "MirrorCustomer_search_delete" AFTER DELETE ON "MirrorCustomer"
BEGIN
    DELETE FROM "MirrorCustomerSearch" WHERE rowid = old.rowid AND "key" = old."key";
END;

-- A query too common for a key list (lib/dal/internal/mirror-search.ts) is asked as LIKEs:
-- these narrow indexes let its count read the text alone rather than every whole row.
CREATE INDEX "MirrorTransaction_search_scan_idx" ON "MirrorTransaction"("merchantAccountId", "search");

CREATE INDEX "MirrorCustomer_search_scan_idx" ON "MirrorCustomer"("merchantAccountId", "search");
