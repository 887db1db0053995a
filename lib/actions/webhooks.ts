"use server";

import { revalidatePath } from "next/cache";
import { removeWebhook, setWebhookSignatureKey } from "@/lib/dal/usaepay-webhooks";
import { webhookKeySchema, webhookRemoveSchema } from "@/lib/validation/webhooks";
import { defineAction } from "./define-action";

/** Stores the USAePay webhook signature key (sealed); from then on the account's webhooks are accepted. */
export const setWebhookKeyAction = defineAction({
  name: "webhooks.setKey",
  permission: "merchant-keys:manage",
  schema: webhookKeySchema,
  handler: async (viewer, { merchantId, signatureKey }, meta) => {
    const { hint } = await setWebhookSignatureKey(viewer, merchantId, signatureKey, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: `Signature key ${hint} stored. Enter the same key in the USAePay console for this URL.` };
  },
});

export const removeWebhookAction = defineAction({
  name: "webhooks.remove",
  permission: "merchant-keys:manage",
  schema: webhookRemoveSchema,
  handler: async (viewer, { merchantId }, meta) => {
    await removeWebhook(viewer, merchantId, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: "Webhooks are off for this account; the sync keeps the mirror fresh on its own again." };
  },
});
