import { z } from "zod";
import { accountSlug, amountCents, moneyFormToken, optionalText } from "./form-fields";
import { pick, tableHref, tableQuerySchema, type SearchParams } from "./table-state";

/** The payers list's URL state and the payer forms (docs/clientpay-api.md, "Payers"). */
export const PAYER_SORTS = ["recent", "name"] as const;

const listSchema = tableQuerySchema(PAYER_SORTS, {});
export type PayerQuery = z.infer<typeof listSchema>;

export function parsePayerQuery(params: SearchParams): PayerQuery {
  return listSchema.parse(pick(params, ["q", "sort", "dir", "page", "pageSize"]));
}

export function payerHref(base: string, query: PayerQuery, changes: Partial<PayerQuery> = {}): string {
  return tableHref(base, query, changes, (next) => ({ q: next.q, sort: next.sort, dir: next.dir, page: next.page, pageSize: next.pageSize }), { sort: PAYER_SORTS[0] });
}

const payerId = z.string().trim().min(1).max(64).regex(/^[\w-]+$/, "Not a valid payer.");

/** ClientPay needs at least one of first name, last name or business name. */
const payerFields = z
  .object({
    firstName: optionalText(60, "Keep the first name under 60 characters."),
    lastName: optionalText(60, "Keep the last name under 60 characters."),
    businessName: optionalText(100, "Keep the business name under 100 characters."),
    email: z.union([z.literal(""), z.email("Enter a valid email address.").max(200)]).optional().default(""),
  })
  .refine((payer) => !!(payer.firstName || payer.lastName || payer.businessName), { message: "Enter a name or a business name.", path: ["lastName"] });

export const createPayerSchema = z.object({ merchant: accountSlug }).and(payerFields);
export type CreatePayerInput = z.infer<typeof createPayerSchema>;

export const updatePayerSchema = z.object({ merchant: accountSlug, payerId }).and(payerFields);
export type UpdatePayerInput = z.infer<typeof updatePayerSchema>;

/** Delete, or a new payer page (adds a payment method on ClientPay's page). */
export const payerActionSchema = z.object({ merchant: accountSlug, payerId });

/** Charge one of the payer's saved methods (empty: the primary one). */
export const chargePayerSchema = z.object({
  merchant: accountSlug,
  payerId,
  token: moneyFormToken,
  paymentMethodId: z.string().trim().max(64).optional().default(""),
  amountCents,
  description: optionalText(200, "Keep the description under 200 characters."),
  orderId: optionalText(40, "Keep the order number under 40 characters."),
});
export type ChargePayerInput = z.infer<typeof chargePayerSchema>;
