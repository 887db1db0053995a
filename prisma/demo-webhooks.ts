/**
 * `npm run demo` runs this once the emulators and the dashboard are up: the demo accounts' USAePay
 * webhooks, on both sides, so the demo's mirror follows the emulator within seconds and the sync
 * becomes a slow safety net. Paydesk side: each account's signature key, sealed (only when none is
 * stored, so an admin's change survives a restart). Emulator side: its control plane's webhook
 * settings for the account's key (the USAePay console's job on the real gateway), with the retry
 * schedule shortened so a delivery missed while the dashboard restarts comes again within seconds.
 *
 *   tsx --import ./scripts/server-only.mjs prisma/demo-webhooks.ts <dashboard URL> <USAePay emulator URL>
 */
import "../scripts/load-env";
import { storeWebhookSignatureKey } from "@/lib/dal/internal/webhook-settings";
import { db } from "@/lib/db";
import { DEMO_MERCHANTS } from "./demo-merchants";

/** Paydesk's side: each demo account's signature key, sealed, unless one is stored already. */
export async function storeDemoWebhookKeys() {
  for (const demo of DEMO_MERCHANTS) {
    const merchant = await db.merchantAccount.findUniqueOrThrow({ where: { slug: demo.slug }, select: { id: true, usaepayWebhook: { select: { merchantAccountId: true } } } });
    if (!merchant.usaepayWebhook) await storeWebhookSignatureKey(merchant.id, demo.webhookSignatureKey, { actor: null });
  }
}

/** The emulator's side: where to send each demo key's events, signed with the same key. */
export async function configureEmulatorWebhooks(dashboard: string, emulator: string) {
  for (const demo of DEMO_MERCHANTS) {
    const response = await fetch(new URL(`/__sandbox/usaepay/webhooks/${demo.usaepay.key}`, emulator), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      // 5 minutes between retries on the real gateway; 3 seconds here.
      body: JSON.stringify({ url: new URL(`/api/webhooks/usaepay/${demo.slug}`, dashboard).toString(), signatureKey: demo.webhookSignatureKey, retryScale: 0.01 }),
    });
    if (!response.ok) throw new Error(`the USAePay emulator refused the webhook settings for ${demo.slug} (${response.status})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dashboard, emulator] = process.argv.slice(2);
  if (!dashboard || !emulator) throw new Error("usage: demo-webhooks.ts <dashboard URL> <USAePay emulator URL>");
  await storeDemoWebhookKeys();
  await configureEmulatorWebhooks(dashboard, emulator);
  await db.$disconnect();
}
