import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { merchantFor } from "./internal/merchant-access";
import { storeWebhookSignatureKey } from "./internal/webhook-settings";

/**
 * An account's USAePay webhook, for its admin page: the URL to enter in the USAePay console,
 * whether a signature key is stored (its masked hint only), and the last events received.
 * Facts: docs/usaepay-api.md, "Webhooks" (set up in the console, signed with X-Signature).
 */
export interface WebhookEventDto {
  eventId: string;
  eventType: string;
  objectKey: string | null;
  outcome: string;
  receivedAt: Date;
  triggeredAt: Date | null;
}

export interface WebhookSettingsDto {
  /** Where USAePay must POST: this dashboard's public address (NEXTAUTH_URL) and the account. */
  url: string;
  signatureKeyHint: string | null;
  updatedAt: Date | null;
  lastEvents: WebhookEventDto[];
}

const LAST_EVENTS = 10;

function webhookUrlFor(slug: string): string {
  return new URL(`/api/webhooks/usaepay/${encodeURIComponent(slug)}`, env.NEXTAUTH_URL).toString();
}

export async function getWebhookSettings(viewer: Viewer, merchantId: string): Promise<WebhookSettingsDto> {
  const merchant = await merchantFor(viewer, "merchants:manage", { id: merchantId });
  const [setting, events] = await Promise.all([
    db.usaepayWebhookSetting.findUnique({ where: { merchantAccountId: merchant.id }, select: { signatureKeyHint: true, updatedAt: true } }),
    db.usaepayWebhookEvent.findMany({
      where: { merchantAccountId: merchant.id },
      orderBy: { receivedAt: "desc" },
      take: LAST_EVENTS,
      select: { eventId: true, eventType: true, objectKey: true, outcome: true, receivedAt: true, triggeredAt: true },
    }),
  ]);
  return { url: webhookUrlFor(merchant.slug), signatureKeyHint: setting?.signatureKeyHint ?? null, updatedAt: setting?.updatedAt ?? null, lastEvents: events };
}

/** Stores (or replaces) the signature key USAePay signs this account's webhooks with; webhooks are on from then. */
export async function setWebhookSignatureKey(viewer: Viewer, merchantId: string, signatureKey: string, meta: RequestMeta): Promise<{ hint: string }> {
  const merchant = await merchantFor(viewer, "merchant-keys:manage", { id: merchantId });
  return { hint: await storeWebhookSignatureKey(merchant.id, signatureKey, { actor: viewer, meta }) };
}

/** Turns webhooks off: deliveries are refused from now on and the sync goes back to its usual pace. */
export async function removeWebhook(viewer: Viewer, merchantId: string, meta: RequestMeta): Promise<void> {
  const merchant = await merchantFor(viewer, "merchant-keys:manage", { id: merchantId });
  await db.$transaction(async (tx) => {
    const { count } = await tx.usaepayWebhookSetting.deleteMany({ where: { merchantAccountId: merchant.id } });
    if (count === 0) throw new AppError("webhook_off", "Webhooks are already off for this account.");
    await recordAuditEvent({ actor: viewer, action: "merchant.webhook.remove", targetType: "merchant", targetId: merchant.id, meta }, tx);
  });
}
