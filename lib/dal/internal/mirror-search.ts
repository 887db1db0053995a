import "server-only";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import { searchTerms } from "@/lib/validation/search-terms";

/**
 * The mirror tables' search: every word of the query must appear in the row's lower-cased
 * `search` column (lib/sync/mirror-rows.ts builds it), so names match in either order.
 *
 * The portable form is one LIKE '%word%' per word (`contains`). On PostgreSQL a pg_trgm
 * index on `search` serves it as is. On SQLite LIKE scans every row of the account, so the
 * words of three letters or more are first looked up in the account's FTS5 trigram table
 * (same text, kept by triggers; prisma/migrations/*_frontend_mirror_search), and the rows
 * are narrowed to those keys. Shorter words (which a trigram index cannot hold) stay LIKEs,
 * and so does a query so common that the key list would pass CANDIDATE_LIMIT.
 * bench/search.ts measures both providers at 100,000 rows.
 */
const FTS_TABLE = { transactions: "MirrorTransactionSearch", customers: "MirrorCustomerSearch" } as const;
export const CANDIDATE_LIMIT = 5000;
const TRIGRAM = 3;

type SearchFilter = { key?: { in: string[] }; AND?: { search: { contains: string } }[] };

const likes = (terms: string[]) => (terms.length ? { AND: terms.map((term) => ({ search: { contains: term } })) } : {});

/** An FTS5 query in which every word must appear (as a substring, with the trigram tokenizer). */
const ftsQuery = (terms: string[]) => terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(" AND ");

export async function searchWhere(table: keyof typeof FTS_TABLE, merchantAccountId: string, q: string | undefined): Promise<SearchFilter> {
  const terms = searchTerms(q ?? "");
  const indexed = terms.filter((term) => term.length >= TRIGRAM);
  if (indexed.length === 0 || isPostgresUrl(env.DATABASE_URL)) return likes(terms);
  const fts = FTS_TABLE[table];
  const rows = await db.$queryRawUnsafe<{ key: string }[]>(
    `SELECT "key" FROM "${fts}" WHERE "${fts}" MATCH ? AND "merchantAccountId" = ? LIMIT ?`,
    ftsQuery(indexed),
    merchantAccountId,
    CANDIDATE_LIMIT + 1,
  );
  if (rows.length > CANDIDATE_LIMIT) return likes(terms);
  return { key: { in: rows.map((row) => row.key) }, ...likes(terms.filter((term) => term.length < TRIGRAM)) };
}
