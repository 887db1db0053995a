"use server";

import { revalidatePath } from "next/cache";
import { approveRefundRequest, adjustTransaction, captureTransaction, checkMoneyOutcome, refundTransaction, rejectRefundRequest, voidTransaction } from "@/lib/dal/transaction-money";
import { adjustSchema, approveRefundSchema, captureSchema, reconcileSchema, refundSchema, rejectRefundSchema, voidSchema } from "@/lib/validation/money-actions";
import { defineAction } from "./define-action";

/**
 * Money actions on a USAePay transaction's page. Each names its own permission (checked here and
 * again in the DAL, which also refuses an account the viewer was not granted). After any of them
 * the account's pages re-render, so the table, the batch and the transaction show the effect.
 */
const refreshAccount = (slug: string) => revalidatePath(`/m/${slug}`, "layout");

export const refundTransactionAction = defineAction({
  name: "refundTransaction",
  permission: "transactions:refund",
  schema: refundSchema,
  handler: async (viewer, input, meta) => {
    const result = await refundTransaction(viewer, input.merchant, input, meta);
    refreshAccount(input.merchant);
    return result;
  },
});

export const voidTransactionAction = defineAction({
  name: "voidTransaction",
  permission: "transactions:void",
  schema: voidSchema,
  handler: async (viewer, input, meta) => {
    const result = await voidTransaction(viewer, input.merchant, input, meta);
    refreshAccount(input.merchant);
    return result;
  },
});

export const captureTransactionAction = defineAction({
  name: "captureTransaction",
  permission: "transactions:capture",
  schema: captureSchema,
  handler: async (viewer, input, meta) => {
    const result = await captureTransaction(viewer, input.merchant, input, meta);
    refreshAccount(input.merchant);
    return result;
  },
});

export const adjustTransactionAction = defineAction({
  name: "adjustTransaction",
  permission: "transactions:adjust",
  schema: adjustSchema,
  handler: async (viewer, input, meta) => {
    const result = await adjustTransaction(viewer, input.merchant, input, meta);
    refreshAccount(input.merchant);
    return result;
  },
});

/**
 * "Check the outcome": only reads USAePay. The wrapper's gate is reading transactions; the DAL
 * then requires the permission of the attempt's own kind (a void's check needs transactions:void …).
 */
export const checkMoneyOutcomeAction = defineAction({
  name: "checkMoneyOutcome",
  permission: "transactions:read",
  schema: reconcileSchema,
  handler: async (viewer, input, meta) => {
    const result = await checkMoneyOutcome(viewer, input.merchant, input.attempt, meta);
    refreshAccount(input.merchant);
    return result;
  },
});

export const approveRefundAction = defineAction({
  name: "approveRefund",
  permission: "refunds:approve",
  schema: approveRefundSchema,
  handler: async (viewer, input, meta) => {
    const result = await approveRefundRequest(viewer, input.merchant, input, meta);
    refreshAccount(input.merchant);
    return result;
  },
});

export const rejectRefundAction = defineAction({
  name: "rejectRefund",
  permission: "refunds:approve",
  schema: rejectRefundSchema,
  handler: async (viewer, input, meta) => {
    const result = await rejectRefundRequest(viewer, input.merchant, input, meta);
    refreshAccount(input.merchant);
    return result;
  },
});
