import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

export type HealthReport = { status: "ok"; database: "ok"; latencyMs: number } | { status: "error"; database: "unreachable" };

/** Liveness plus a database round trip, for the unauthenticated health route; says nothing about configuration or secrets. */
export async function checkHealth(): Promise<HealthReport> {
  const started = performance.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { status: "ok", database: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    logger.error({ err: error }, "health check: database unreachable");
    return { status: "error", database: "unreachable" };
  }
}
