import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/prisma/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/prisma/generated/sqlite/client";
import { env } from "@/lib/env";

/**
 * One Prisma client for the process, its provider chosen from DATABASE_URL.
 * Both generated clients come from the same source schema, so they share one API;
 * the SQLite client's type stands for both.
 */
export type Db = SqliteClient;

export function isPostgresUrl(url: string) {
  return /^postgres(ql)?:\/\//.test(url);
}

function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  // SQLite: WAL lets readers run while the sync writes; a busy timeout rides out short locks.
  return new SqliteClient({
    adapter: new PrismaBetterSQLite3({ url: url.replace(/^file:/, ""), timeout: 5000 }),
  });
}

// Reuse across hot reloads in development; one client per process in production.
const globalForDb = globalThis as unknown as { paydeskDb?: Db };
export const db: Db = globalForDb.paydeskDb ?? createDb(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForDb.paydeskDb = db;

export { Prisma, Role } from "@/prisma/generated/sqlite/client";
export type { User, AuditEvent } from "@/prisma/generated/sqlite/client";
