/**
 * Derives prisma/postgres/schema.prisma from the one source schema.
 * A Prisma datasource's provider cannot come from env, so each provider needs its
 * own schema file; this keeps them from drifting. `--check` exits 1 when stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sourcePath = path.join(root, "prisma/schema.prisma");
const targetPath = path.join(root, "prisma/postgres/schema.prisma");

export function derivePostgresSchema(source: string): string {
  const replaced = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.db"', 'url      = "postgresql://placeholder@localhost/placeholder"')
    .replace('output       = "./generated/sqlite"', 'output       = "../generated/postgres"');
  if (replaced === source) throw new Error("prisma/schema.prisma no longer has the expected datasource lines");
  return `// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.ts. Do not edit.\n${replaced}`;
}

const derived = derivePostgresSchema(readFileSync(sourcePath, "utf8"));

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(targetPath, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== derived) {
    console.error("prisma/postgres/schema.prisma is stale: run `npm run db:derive` and commit the result.");
    process.exit(1);
  }
  console.log("prisma/postgres/schema.prisma is up to date.");
} else {
  mkdirSync(path.dirname(targetPath), { recursive: true });
  writeFileSync(targetPath, derived);
  console.log("wrote prisma/postgres/schema.prisma");
}
