import { afterAll } from "vitest";
import { db } from "@/lib/db";

// An idle PostgreSQL pool would keep each test file's worker alive for its idle timeout.
afterAll(async () => {
  await db.$disconnect();
});
