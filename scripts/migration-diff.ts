/**
 * Objects that live in migrations only: Prisma's schema cannot describe them, so
 * `prisma migrate diff --from-migrations` always proposes to drop them. They are:
 * - the FTS5 trigram tables of mirror search on SQLite (prisma/migrations/*_frontend_mirror_search),
 *   with the shadow tables FTS5 keeps beside each (_config, _content, _data, _docsize, _idx),
 *   and its (merchantAccountId, search) scan indexes (SQLite only, so not in the shared schema);
 * - the pg_trgm indexes of mirror search on PostgreSQL (the same folder under prisma/postgres).
 * Triggers (the audit log's, the search tables') are invisible to the diff and need no entry.
 */
const MIGRATION_ONLY = [/^DROP TABLE "Mirror(Transaction|Customer)Search(_(config|content|data|docsize|idx))?";$/, /^DROP INDEX "Mirror(Transaction|Customer)_search_(trgm|scan)_idx";$/];

/** The statements of a `migrate diff --script` that are real schema drift (empty: none). */
export function unexpectedChanges(script: string): string[] {
  return script
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("--") && !/^PRAGMA foreign_keys=(on|off);$/i.test(line))
    .filter((line) => !MIGRATION_ONLY.some((pattern) => pattern.test(line)));
}
