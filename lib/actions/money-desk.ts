"use server";

import { revalidatePath } from "next/cache";
import { closeBatch } from "@/lib/dal/batches";
import { chargeSavedMethod } from "@/lib/dal/customer-charges";
import { emailReceipt } from "@/lib/dal/receipts";
import { setRefundApprovalLimit } from "@/lib/dal/refund-approvals";
import { chargeSchema, closeBatchSchema, emailReceiptSchema, refundLimitSchema } from "@/lib/validation/money-actions";
import { accountAction } from "./account-action";
import { defineAction } from "./define-action";

/** The other USAePay money actions: a saved-card charge, closing a batch, emailing a receipt, the refund limit. */
export const chargeSavedMethodAction = accountAction({
  name: "chargeSavedMethod",
  permission: "customers:charge",
  schema: chargeSchema,
  run: (viewer, input, meta) => chargeSavedMethod(viewer, input.merchant, input, meta),
});

export const closeBatchAction = accountAction({
  name: "closeBatch",
  permission: "batches:close",
  schema: closeBatchSchema,
  run: (viewer, input, meta) => closeBatch(viewer, input.merchant, input, meta),
});

export const emailReceiptAction = defineAction({
  name: "emailReceipt",
  permission: "transactions:email-receipt",
  schema: emailReceiptSchema,
  handler: async (viewer, input, meta) => emailReceipt(viewer, input.merchant, input, meta),
});

export const setRefundLimitAction = defineAction({
  name: "setRefundLimit",
  permission: "merchants:manage",
  schema: refundLimitSchema,
  handler: async (viewer, input, meta) => {
    const result = await setRefundApprovalLimit(viewer, input.merchantId, input.limit ?? null, meta);
    revalidatePath(`/admin/merchants/${input.merchantId}`);
    return result;
  },
});
