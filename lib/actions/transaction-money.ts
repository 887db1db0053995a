"use server";

import { approveRefundRequest, adjustTransaction, captureTransaction, checkMoneyOutcome, refundTransaction, rejectRefundRequest, voidTransaction } from "@/lib/dal/transaction-money";
import { adjustSchema, approveRefundSchema, captureSchema, reconcileSchema, refundSchema, rejectRefundSchema, voidSchema } from "@/lib/validation/money-actions";
import { accountAction } from "./account-action";

/**
 * Money actions on a USAePay transaction's page. Each names its own permission (checked here and
 * again in the DAL, which also refuses an account the viewer was not granted).
 */
export const refundTransactionAction = accountAction({
  name: "refundTransaction",
  permission: "transactions:refund",
  schema: refundSchema,
  run: (viewer, input, meta) => refundTransaction(viewer, input.merchant, input, meta),
});

export const voidTransactionAction = accountAction({
  name: "voidTransaction",
  permission: "transactions:void",
  schema: voidSchema,
  run: (viewer, input, meta) => voidTransaction(viewer, input.merchant, input, meta),
});

export const captureTransactionAction = accountAction({
  name: "captureTransaction",
  permission: "transactions:capture",
  schema: captureSchema,
  run: (viewer, input, meta) => captureTransaction(viewer, input.merchant, input, meta),
});

export const adjustTransactionAction = accountAction({
  name: "adjustTransaction",
  permission: "transactions:adjust",
  schema: adjustSchema,
  run: (viewer, input, meta) => adjustTransaction(viewer, input.merchant, input, meta),
});

/**
 * "Check the outcome": only reads USAePay. The wrapper's gate is reading transactions; the DAL
 * then requires the permission of the attempt's own kind (a void's check needs transactions:void …).
 */
export const checkMoneyOutcomeAction = accountAction({
  name: "checkMoneyOutcome",
  permission: "transactions:read",
  schema: reconcileSchema,
  run: (viewer, input, meta) => checkMoneyOutcome(viewer, input.merchant, input.attempt, meta),
});

export const approveRefundAction = accountAction({
  name: "approveRefund",
  permission: "refunds:approve",
  schema: approveRefundSchema,
  run: (viewer, input, meta) => approveRefundRequest(viewer, input.merchant, input, meta),
});

export const rejectRefundAction = accountAction({
  name: "rejectRefund",
  permission: "refunds:approve",
  schema: rejectRefundSchema,
  run: (viewer, input, meta) => rejectRefundRequest(viewer, input.merchant, input, meta),
});
