"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  discardPreviousCredentials,
  restorePreviousCredentials,
  restorePreviousIntegratorKey,
  setIntegratorKey,
  setMerchantCredentials,
} from "@/lib/dal/merchant-credentials";
import { createMerchant, grantMerchantAccess, revokeMerchantAccess, updateMerchantSettings } from "@/lib/dal/merchants";
import {
  credentialSlotSchema,
  grantSchema,
  integratorKeySchema,
  merchantSettingsSchema,
  setCredentialsSchema,
  updateMerchantSchema,
} from "@/lib/validation/merchants";
import { z } from "zod";
import { defineAction } from "./define-action";

const LABEL = { usaepay: "USAePay", clientpay: "ClientPay" } as const;

export const createMerchantAction = defineAction({
  name: "createMerchant",
  permission: "merchants:manage",
  schema: merchantSettingsSchema,
  handler: async (viewer, input, meta) => {
    const merchant = await createMerchant(viewer, input, meta);
    redirect(`/admin/merchants/${merchant.id}`);
  },
});

export const updateMerchantAction = defineAction({
  name: "updateMerchant",
  permission: "merchants:manage",
  schema: updateMerchantSchema,
  handler: async (viewer, { merchantId, ...settings }, meta) => {
    await updateMerchantSettings(viewer, merchantId, settings, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: "Settings saved." };
  },
});

export const setCredentialsAction = defineAction({
  name: "setCredentials",
  permission: "merchant-keys:manage",
  schema: setCredentialsSchema,
  handler: async (viewer, { merchantId, gateway, key, pin }, meta) => {
    await setMerchantCredentials(viewer, merchantId, gateway, { key, pin }, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: `${LABEL[gateway]} accepted the new key; it is now in use.` };
  },
});

export const restorePreviousCredentialsAction = defineAction({
  name: "restorePreviousCredentials",
  permission: "merchant-keys:manage",
  schema: credentialSlotSchema,
  handler: async (viewer, { merchantId, gateway }, meta) => {
    await restorePreviousCredentials(viewer, merchantId, gateway, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: `The previous ${LABEL[gateway]} key is in use again.` };
  },
});

export const discardPreviousCredentialsAction = defineAction({
  name: "discardPreviousCredentials",
  permission: "merchant-keys:manage",
  schema: credentialSlotSchema,
  handler: async (viewer, { merchantId, gateway }, meta) => {
    await discardPreviousCredentials(viewer, merchantId, gateway, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: `The previous ${LABEL[gateway]} key was discarded.` };
  },
});

export const grantAccessAction = defineAction({
  name: "grantAccess",
  permission: "merchants:manage",
  schema: grantSchema,
  handler: async (viewer, { merchantId, userId }, meta) => {
    await grantMerchantAccess(viewer, merchantId, userId, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: "Access granted." };
  },
});

export const revokeAccessAction = defineAction({
  name: "revokeAccess",
  permission: "merchants:manage",
  schema: grantSchema,
  handler: async (viewer, { merchantId, userId }, meta) => {
    await revokeMerchantAccess(viewer, merchantId, userId, meta);
    revalidatePath(`/admin/merchants/${merchantId}`);
    return { status: "success", message: "Access revoked." };
  },
});

export const setIntegratorKeyAction = defineAction({
  name: "setIntegratorKey",
  permission: "merchant-keys:manage",
  schema: integratorKeySchema,
  handler: async (viewer, { integratorKey }, meta) => {
    const { checkedWith } = await setIntegratorKey(viewer, integratorKey, meta);
    revalidatePath("/admin/merchants");
    return {
      status: "success",
      message: checkedWith
        ? `ClientPay accepted the integrator key (checked with ${checkedWith}); it is now in use. The previous one is kept for restore.`
        : "Integrator key saved. No account has ClientPay keys yet, so it could not be checked; the first account's keys will be checked with it.",
    };
  },
});

export const restorePreviousIntegratorKeyAction = defineAction({
  name: "restorePreviousIntegratorKey",
  permission: "merchant-keys:manage",
  schema: z.object({}),
  handler: async (viewer, _input, meta) => {
    await restorePreviousIntegratorKey(viewer, meta);
    revalidatePath("/admin/merchants");
    return { status: "success", message: "The previous integrator key is in use again." };
  },
});
