/**
 * Empties a test database and applies every migration: SQLite by deleting the file,
 * PostgreSQL by recreating the public schema. Used by the e2e server and the DB tests.
 * Refuses the demo database, and any database that is not on this machine (a loopback
 * host, a Unix socket or a file), whatever DATABASE_URL says, so a test run never wipes
 * a shared or production one.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PRISMA_CLI, run } from "./run";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** Throws unless `url` names a database on this machine that is not the demo's. */
export function assertLocalTestDatabase(url: string): void {
  if (/^postgres(ql)?:\/\//.test(url)) {
    // The host pg itself would connect to (URL, ?host= and PGHOST applied), not a second parse of ours.
    const host = new pg.Client({ connectionString: url }).host;
    const local = host.startsWith("/") || LOOPBACK.test(host);
    if (!local) throw new Error(`refusing to reset the database on ${host}: tests only reset a database on this machine (localhost, 127.0.0.1, ::1 or a Unix socket)`);
    return;
  }
  if (!url.startsWith("file:")) throw new Error("refusing to reset a database that is neither a local file nor a local PostgreSQL");
  const file = path.resolve(url.replace(/^file:/, ""));
  if (path.basename(file) === "dev.db") throw new Error("refusing to reset the demo database prisma/dev.db");
}

export async function resetDatabase(url: string) {
  assertLocalTestDatabase(url);
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
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
  await run("node", [...PRISMA_CLI, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
