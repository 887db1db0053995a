/**
 * Prisma CLI config. The provider follows DATABASE_URL: a `file:` URL is SQLite
 * (prisma/schema.prisma, prisma/migrations), a `postgres(ql)://` URL is PostgreSQL
 * (prisma/postgres/...). The JS schema engine runs through a driver adapter, offline.
 */
import path from "node:path";
import { config as loadEnv } from "dotenv";
import type { PrismaConfig } from "prisma";
import { postgresCliAdapter, sqliteCliAdapter } from "./prisma/cli-adapters";

// A Prisma config file turns off Prisma's own .env loading.
loadEnv({ quiet: true });

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: {
    path: isPostgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations"),
  },
  adapter: async () =>
    isPostgres ? postgresCliAdapter(url, process.env.SHADOW_DATABASE_URL) : sqliteCliAdapter(url),
} satisfies PrismaConfig;
