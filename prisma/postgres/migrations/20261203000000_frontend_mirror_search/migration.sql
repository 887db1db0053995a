-- Search as people type (lib/dal/internal/mirror-search.ts): every word of a query must
-- appear in the row's lower-cased "search" column, asked as LIKE '%word%'. A trigram GIN
-- index answers that from the index instead of scanning every row of the account.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner
-- may create it. The indexes are not in prisma/schema.prisma (Prisma cannot describe an
-- operator class portably), so `prisma migrate diff` leaves them alone.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "MirrorTransaction_search_trgm_idx" ON "MirrorTransaction" USING gin ("search" gin_trgm_ops);

CREATE INDEX "MirrorCustomer_search_trgm_idx" ON "MirrorCustomer" USING gin ("search" gin_trgm_ops);
