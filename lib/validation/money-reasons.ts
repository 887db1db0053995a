/**
 * Why money moves back: the reasons a refund, void, capture or adjustment form offers. Plain
 * data without zod (lib/validation/money-actions.ts holds the schemas), so client forms can list them.
 */
export const MONEY_REASONS = {
  customer_request: "Customer asked for it",
  duplicate: "Duplicate charge",
  wrong_amount: "Wrong amount charged",
  not_delivered: "Goods or service not delivered",
  fraud: "Suspected fraud",
  other: "Other (explain below)",
} as const;
export type MoneyReason = keyof typeof MONEY_REASONS;
