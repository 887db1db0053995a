/**
 * Fails when a provider's migrations do not produce its schema (someone changed
 * prisma/schema.prisma without adding a migration). SQLite is always checked, in
 * memory; PostgreSQL too when a PostgreSQL DATABASE_URL and SHADOW_DATABASE_URL are set.
 */
import "./load-env";
import { PRISMA_CLI, run } from "./run";

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
    await run("node", [...PRISMA_CLI, "migrate", "diff", "--from-migrations", check.migrations, "--to-schema-datamodel", check.schema, "--exit-code"], {
      env: check.env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    console.log(`${check.name} migrations match the schema.`);
  } catch {
    stale = true;
    console.error(`${check.name} migrations are stale: create a migration for the schema change (see README).`);
  }
}
process.exit(stale ? 1 : 0);
