import { resetDatabase } from "@/scripts/reset-database";

/** Vitest globalSetup for DB tests: a freshly migrated database, never the demo one. */
export default async function setup() {
  await resetDatabase(process.env.DATABASE_URL ?? "file:./prisma/test.db");
}
