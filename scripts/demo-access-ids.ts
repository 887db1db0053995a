/**
 * Part of `npm run demo`, once the emulators are up: the ClientPay emulator starts with no access
 * IDs, so each demo account gets one through the app's own path (lib/dal/internal/access-id-bootstrap.ts:
 * keep a valid stored id, else Recover, else a journaled Issue), and ClientPay pages work at once.
 */
import "./load-env";

const { db } = await import("../lib/db");
const { ensureAccessId } = await import("../lib/dal/internal/access-id-bootstrap");
const { DEMO_MERCHANTS } = await import("../prisma/demo-merchants");

const WORDS = { valid: "kept the stored one", recovered: "stored ClientPay's current one", issued: "issued a new one" } as const;
let failed = false;
for (const demo of DEMO_MERCHANTS) {
  const merchant = await db.merchantAccount.findUnique({ where: { slug: demo.slug }, select: { id: true, name: true } });
  if (!merchant) continue;
  try {
    console.log(`  ${merchant.name}: ClientPay access ID — ${WORDS[await ensureAccessId(merchant.id, "demo_start")]}`);
  } catch (error) {
    failed = true;
    console.error(`  ${merchant.name}: no ClientPay access ID (${error instanceof Error ? error.name : "error"}); an admin can issue one on the account's Access IDs page.`);
  }
}
await db.$disconnect();
process.exit(failed ? 1 : 0);
