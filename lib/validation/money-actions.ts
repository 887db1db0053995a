import { z } from "zod";
import { dollarAmount, optionalDollarAmount } from "./money";
import { MONEY_REASONS, type MoneyReason } from "./money-reasons";

/**
 * The forms that move money on USAePay (refund, void, capture, adjust, saved-card charge, batch
 * close) and their approvals. The account comes as its URL slug and the record as its gateway key;
 * the DAL checks both against the viewer. The one-time token is opaque here (the DAL verifies it).
 */
const REASON_KEYS = Object.keys(MONEY_REASONS) as [MoneyReason, ...MoneyReason[]];

export const slugField = z.string().trim().min(1).max(120).regex(/^[a-z0-9-]+$/, "Not a valid account.");
/** USAePay keys are short lowercase alphanumerics (docs/usaepay-api.md, "Field encodings"); a little slack for others. */
export const gatewayKeyField = z.string().trim().min(1, "Missing record.").max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a valid record.");
const tokenField = z.string({ error: "This form is missing its one-time token. Reload the page." }).min(1, "This form is missing its one-time token. Reload the page.").max(300);

const reasonFields = {
  reasonCode: z.enum(REASON_KEYS, { error: "Choose a reason." }),
  reasonText: z.string().trim().max(500, "Keep the note under 500 characters.").optional().transform((value) => value || undefined),
};

/** "Other" needs words; any reason may carry a note. */
function requireNoteForOther(value: { reasonCode: MoneyReason; reasonText?: string }, ctx: z.RefinementCtx) {
  if (value.reasonCode === "other" && (value.reasonText?.length ?? 0) < 3) {
    ctx.addIssue({ code: "custom", path: ["reasonText"], message: "Say what the reason is." });
  }
}

const target = { merchant: slugField, key: gatewayKeyField, token: tokenField };

export const refundSchema = z.object({ ...target, amount: dollarAmount, ...reasonFields }).superRefine(requireNoteForOther);
export const voidSchema = z
  .object({ ...target, release: z.literal("on").optional().transform((value) => value === "on"), ...reasonFields })
  .superRefine(requireNoteForOther);
/** Without an amount, the whole authorization is captured. */
export const captureSchema = z.object({ ...target, amount: optionalDollarAmount, ...reasonFields }).superRefine(requireNoteForOther);
/** The sale's new total, not a difference. */
export const adjustSchema = z.object({ ...target, amount: dollarAmount, ...reasonFields }).superRefine(requireNoteForOther);

export type RefundInput = z.infer<typeof refundSchema>;
export type VoidInput = z.infer<typeof voidSchema>;
export type CaptureInput = z.infer<typeof captureSchema>;
export type AdjustInput = z.infer<typeof adjustSchema>;

/** "Check the outcome" of an attempt whose answer never came. */
export const reconcileSchema = z.object({ merchant: slugField, attempt: z.string().trim().min(1).max(64) });

export const approveRefundSchema = z.object({ merchant: slugField, request: z.string().trim().min(1).max(64), token: tokenField });
export const rejectRefundSchema = z.object({
  merchant: slugField,
  request: z.string().trim().min(1).max(64),
  note: z.string().trim().max(500, "Keep the note under 500 characters.").optional().transform((value) => value || undefined),
});

export const chargeSchema = z.object({
  merchant: slugField,
  customer: gatewayKeyField,
  paymentMethod: z.string({ error: "Choose a saved payment method." }).trim().min(1, "Choose a saved payment method.").max(64).regex(/^[A-Za-z0-9_-]+$/, "Choose a saved payment method."),
  token: tokenField,
  amount: dollarAmount,
  invoice: z.string().trim().max(25, "USAePay keeps at most 25 characters of an invoice number.").optional().transform((value) => value || undefined),
  description: z.string().trim().max(255, "Keep the description under 255 characters.").optional().transform((value) => value || undefined),
});
export type ChargeInput = z.infer<typeof chargeSchema>;

export const closeBatchSchema = z.object({ merchant: slugField, batch: gatewayKeyField, token: tokenField });

export const emailReceiptSchema = z.object({
  merchant: slugField,
  key: gatewayKeyField,
  email: z.email({ error: "Enter an email address." }).max(200),
});

/** An admin's refund limit for an account; empty turns the approval step off. */
export const refundLimitSchema = z.object({
  merchantId: z.string().min(1).max(64),
  limit: optionalDollarAmount,
});
