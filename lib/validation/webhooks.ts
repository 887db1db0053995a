import { z } from "zod";

/** The signature key an admin also enters in the USAePay console for the account's webhook. */
export const webhookKeySchema = z.object({
  merchantId: z.string().min(1).max(64),
  signatureKey: z.string().trim().min(16, "Use at least 16 characters (a long random value).").max(200),
});

export const webhookRemoveSchema = z.object({ merchantId: z.string().min(1).max(64) });
