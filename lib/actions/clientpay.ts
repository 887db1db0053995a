"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { checkClientpayAttempt } from "@/lib/dal/clientpay-attempts";
import { refreshClientpayPayments, refundClientpayPayment } from "@/lib/dal/clientpay-payments";
import { chargePayer, createPayer, createPayerPage, deletePayer, updatePayer } from "@/lib/dal/payers";
import { checkPaymentRequest, createPaymentRequest, expirePaymentRequest } from "@/lib/dal/payment-requests";
import type { Permission } from "@/lib/auth/permissions";
import { reconcileAttemptSchema, refundPaymentSchema } from "@/lib/validation/clientpay-payments";
import { accountSlug } from "@/lib/validation/form-fields";
import { chargePayerSchema, createPayerSchema, payerActionSchema, updatePayerSchema } from "@/lib/validation/payers";
import { createPaymentRequestSchema, paymentRequestActionSchema } from "@/lib/validation/payment-requests";
import { z } from "zod";
import { defineAction } from "./define-action";
import { moneyAttemptState } from "./money-attempt-state";

/**
 * ClientPay in the desk: payments (refund/void), payment requests, payers. Each action names its
 * permission (checked here and again in the DAL, which also refuses an account the viewer was not
 * granted); money actions carry the form's one-time token, which the DAL stores before any call.
 */

const base = (slug: string) => `/m/${slug}`;

export const refundClientpayPaymentAction = defineAction({
  name: "clientpay.refund",
  permission: "payments:refund",
  schema: refundPaymentSchema,
  handler: async (viewer, input, meta) => {
    try {
      return moneyAttemptState(await refundClientpayPayment(viewer, input.merchant, input, meta));
    } finally {
      // Also after a refusal: the page shows the fresh read and the attempt list.
      revalidatePath(`${base(input.merchant)}/payments/${input.paymentId}`);
    }
  },
});

/** "Check the outcome" of an unknown attempt; one action per permission, one DAL function. */
function checkAttemptAction(permission: Permission, path: (slug: string) => string) {
  return defineAction({
    name: `clientpay.checkAttempt.${permission}`,
    permission,
    schema: reconcileAttemptSchema,
    handler: async (viewer, input, meta) => {
      try {
        return moneyAttemptState(await checkClientpayAttempt(viewer, input.merchant, input.attemptId, meta));
      } finally {
        revalidatePath(path(input.merchant), "layout");
      }
    },
  });
}

export const checkRefundAttemptAction = checkAttemptAction("payments:refund", (slug) => `${base(slug)}/payments`);
export const checkChargeAttemptAction = checkAttemptAction("payers:charge", (slug) => `${base(slug)}/payers`);
export const checkRequestAttemptAction = checkAttemptAction("payment-requests:create", (slug) => `${base(slug)}/payment-requests`);

export const refreshClientpayPaymentsAction = defineAction({
  name: "clientpay.refresh",
  permission: "sync:run",
  schema: z.object({ merchant: accountSlug }),
  handler: async (viewer, input) => {
    await refreshClientpayPayments(viewer, input.merchant);
    return { status: "success", message: "Copying payments from ClientPay…" };
  },
});

// ---- payment requests ------------------------------------------------------------------------------

export const createPaymentRequestAction = defineAction({
  name: "clientpay.paymentRequest.create",
  permission: "payment-requests:create",
  schema: createPaymentRequestSchema,
  handler: async (viewer, input, meta) => {
    const { attempt, pageId } = await createPaymentRequest(viewer, input.merchant, input, meta);
    if (!pageId) {
      // This form's token is spent: the page renders again with a fresh one (the typed values come back).
      revalidatePath(`${base(input.merchant)}/payment-requests/new`);
      return moneyAttemptState(attempt);
    }
    revalidatePath(`${base(input.merchant)}/payment-requests`);
    redirect(`${base(input.merchant)}/payment-requests/${pageId}`);
  },
});

export const expirePaymentRequestAction = defineAction({
  name: "clientpay.paymentRequest.expire",
  permission: "payment-requests:expire",
  schema: paymentRequestActionSchema,
  handler: async (viewer, input, meta) => {
    try {
      return await expirePaymentRequest(viewer, input.merchant, input.pageId, meta);
    } finally {
      revalidatePath(`${base(input.merchant)}/payment-requests`, "layout");
    }
  },
});

export const checkPaymentRequestAction = defineAction({
  name: "clientpay.paymentRequest.check",
  permission: "payment-requests:read",
  schema: paymentRequestActionSchema,
  handler: async (viewer, input, meta) => {
    try {
      return await checkPaymentRequest(viewer, input.merchant, input.pageId, meta);
    } finally {
      revalidatePath(`${base(input.merchant)}/payment-requests`, "layout");
    }
  },
});

// ---- payers ----------------------------------------------------------------------------------------

export const createPayerAction = defineAction({
  name: "clientpay.payer.create",
  permission: "payers:manage",
  schema: createPayerSchema,
  handler: async (viewer, input, meta) => {
    const { payerId } = await createPayer(viewer, input.merchant, input, meta);
    revalidatePath(`${base(input.merchant)}/payers`);
    redirect(`${base(input.merchant)}/payers/${encodeURIComponent(payerId)}`);
  },
});

export const updatePayerAction = defineAction({
  name: "clientpay.payer.update",
  permission: "payers:manage",
  schema: updatePayerSchema,
  handler: async (viewer, input, meta) => {
    await updatePayer(viewer, input.merchant, input, meta);
    revalidatePath(`${base(input.merchant)}/payers`, "layout");
    return { status: "success", message: "Payer saved in ClientPay." };
  },
});

export const deletePayerAction = defineAction({
  name: "clientpay.payer.delete",
  permission: "payers:manage",
  schema: payerActionSchema,
  handler: async (viewer, input, meta) => {
    await deletePayer(viewer, input.merchant, input.payerId, meta);
    revalidatePath(`${base(input.merchant)}/payers`);
    redirect(`${base(input.merchant)}/payers?deleted=1`);
  },
});

export const createPayerPageAction = defineAction({
  name: "clientpay.payer.payerPage",
  permission: "payers:manage",
  schema: payerActionSchema,
  handler: async (viewer, input, meta) => {
    await createPayerPage(viewer, input.merchant, input.payerId, meta);
    revalidatePath(`${base(input.merchant)}/payers/${encodeURIComponent(input.payerId)}`);
    return { status: "success", message: "Payer page created: send its link to the payer, who adds the card or bank account there." };
  },
});

export const chargePayerAction = defineAction({
  name: "clientpay.payer.charge",
  permission: "payers:charge",
  schema: chargePayerSchema,
  handler: async (viewer, input, meta) => {
    try {
      return moneyAttemptState(await chargePayer(viewer, input.merchant, input, meta));
    } finally {
      revalidatePath(`${base(input.merchant)}/payers/${encodeURIComponent(input.payerId)}`);
    }
  },
});
