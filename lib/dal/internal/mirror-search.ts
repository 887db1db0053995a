import "server-only";
import { db, isPostgresUrl } from "@/lib/db";
import { env } from "@/lib/env";
import { searchTerms } from "@/lib/validation/search-terms";

/**
 * The mirror tables' search: every word of the query must appear in the row's lower-cased
 * `search` column (lib/sync/mirror-rows.ts builds it), so names match in either order.
 *
 * The portable form is one LIKE '%word%' per word (`contains`). On PostgreSQL a pg_trgm
 * index on `search` serves it as is. On SQLite LIKE reads every row of the account, so the
 * words are first looked up in the account's FTS5 trigram table (same text, kept by
 * triggers; prisma/migrations/*_frontend_mirror_search) and the rows narrowed to those keys:
 * - a word of one or two letters cannot be in a trigram index: it stays a LIKE;
 * - a long word (an email) is looked up by its first letters, which are rare, rather than by
 *   its every trigram ("com", "exa" are in every row), and checked whole by a LIKE;
 * - a query so common that its keys would pass CANDIDATE_LIMIT is asked as LIKEs: its rows
 *   are dense, so the newest-first page stops early, and the index counts them.
 * bench/search.ts measures both providers at 100,000 rows.
 */
const FTS_TABLE = { transactions: "MirrorTransactionSearch", customers: "MirrorCustomerSearch" } as const;
/** Prisma binds at most 999 values in one SQLite query; the rest of the filters need a few. */
export const CANDIDATE_LIMIT = 900;
const TRIGRAM = 3;
const LOOKUP_LETTERS = 10;

type SearchFilter = { key?: { in: string[] }; AND?: { search: { contains: string } }[] };

export interface MirrorSearch {
  where: SearchFilter;
  /** How many rows match, when the index knows exactly: the caller may skip its count if nothing else filters. */
  total?: number;
}

const likes = (terms: string[]) => (terms.length ? { AND: terms.map((term) => ({ search: { contains: term } })) } : {});

/** An FTS5 query in which every word must appear (as a substring, with the trigram tokenizer). */
const ftsQuery = (words: string[]) => words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" AND ");

export async function mirrorSearch(table: keyof typeof FTS_TABLE, merchantAccountId: string, q: string | undefined): Promise<MirrorSearch> {
  const terms = searchTerms(q ?? "");
  const indexed = terms.filter((term) => term.length >= TRIGRAM);
  if (indexed.length === 0 || isPostgresUrl(env.DATABASE_URL)) return { where: likes(terms) };
  const fts = FTS_TABLE[table];
  const match = ftsQuery(indexed.map((term) => term.slice(0, LOOKUP_LETTERS)));
  const rows = await db.$queryRawUnsafe<{ key: string }[]>(`SELECT "key" FROM "${fts}" WHERE "${fts}" MATCH ? AND "merchantAccountId" = ? LIMIT ?`, match, merchantAccountId, CANDIDATE_LIMIT + 1);
  // What the lookup did not check exactly: short words, and long words looked up by their start.
  const unchecked = terms.filter((term) => term.length < TRIGRAM || term.length > LOOKUP_LETTERS);
  if (rows.length <= CANDIDATE_LIMIT) return { where: { key: { in: rows.map((row) => row.key) }, ...likes(unchecked) } };
  if (unchecked.length > 0) return { where: likes(terms) };
  const counted = await db.$queryRawUnsafe<{ total: number | bigint }[]>(`SELECT count(*) AS total FROM "${fts}" WHERE "${fts}" MATCH ? AND "merchantAccountId" = ?`, match, merchantAccountId);
  return { where: likes(terms), total: Number(counted[0]?.total ?? 0) };
}
