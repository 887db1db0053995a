/**
 * Fails when a provider's migrations do not produce its schema (someone changed
 * prisma/schema.prisma without adding a migration). SQLite is always checked, in
 * memory; PostgreSQL too when a PostgreSQL DATABASE_URL and SHADOW_DATABASE_URL are set.
 * The few objects Prisma cannot describe (scripts/migration-diff.ts) are not drift.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import "./load-env";
import { unexpectedChanges } from "./migration-diff";
import { PRISMA_CLI } from "./run";

const baseEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
const checks: { name: string; env: NodeJS.ProcessEnv; migrations: string; schema: string }[] = [
  {
    name: "SQLite",
    env: { ...baseEnv, DATABASE_URL: "file::memory:" },
    migrations: "prisma/migrations",
    schema: "prisma/schema.prisma",
  },
];

const databaseUrl = process.env.DATABASE_URL ?? "";
if (/^postgres(ql)?:\/\//.test(databaseUrl) && process.env.SHADOW_DATABASE_URL) {
  checks.push({ name: "PostgreSQL", env: baseEnv, migrations: "prisma/postgres/migrations", schema: "prisma/postgres/schema.prisma" });
} else {
  console.log("PostgreSQL migrations not checked: set a postgresql:// DATABASE_URL and SHADOW_DATABASE_URL to include them.");
}

let stale = false;
for (const check of checks) {
  try {
    const { stdout } = await promisify(execFile)("node", [...PRISMA_CLI, "migrate", "diff", "--from-migrations", check.migrations, "--to-schema-datamodel", check.schema, "--script"], {
      env: check.env,
      maxBuffer: 16 * 1024 * 1024,
    });
    const drift = unexpectedChanges(stdout);
    if (drift.length === 0) {
      console.log(`${check.name} migrations match the schema.`);
    } else {
      stale = true;
      console.error(`${check.name} migrations are stale: create a migration for the schema change (see README). The difference:\n${drift.join("\n")}`);
    }
  } catch (error) {
    stale = true;
    console.error(`${check.name} migrations could not be checked: ${(error as Error).message}`);
  }
}
process.exit(stale ? 1 : 0);
