/**
 * Empties a test database and applies every migration: SQLite by deleting the file,
 * PostgreSQL by recreating the public schema. Used by the e2e server and the DB tests;
 * refuses the demo database so a test run never wipes it.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PRISMA_CLI, run } from "./run";

export async function resetDatabase(url: string) {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    } finally {
      await client.end();
    }
  } else {
    const file = path.resolve(url.replace(/^file:/, ""));
    if (path.basename(file) === "dev.db") throw new Error("refusing to reset the demo database prisma/dev.db");
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
  await run("node", [...PRISMA_CLI, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
