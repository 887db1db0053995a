/**
 * Runs once when the server boots: a bad configuration stops start-up here with a
 * clear message, instead of failing on the first request. Then background work starts
 * that must never delay boot (so it is not awaited, and it never throws).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const { db, isPostgresUrl } = await import("./lib/db");
  if (!isPostgresUrl(env.DATABASE_URL)) {
    // WAL lets page reads proceed while a background sync writes.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  }
  // A rotation journal left open by a crash is recovered through Current Access ID.
  const { recoverInterruptedAccessIdRotations } = await import("./lib/dal/internal/access-id-recovery");
  void recoverInterruptedAccessIdRotations();
  // The local mirror of USAePay customers and transactions, kept fresh in the background.
  const { startMirrorSync } = await import("./lib/sync");
  startMirrorSync({ intervalMs: env.MIRROR_SYNC_INTERVAL_SECONDS * 1000 });
  // The local copy of ClientPay payments, on the same interval (a page view refreshes a stale one too).
  const { startClientpaySync } = await import("./lib/dal/internal/clientpay-sync");
  startClientpaySync({ intervalMs: env.MIRROR_SYNC_INTERVAL_SECONDS * 1000 });
}
