/**
 * The payment-request form's limits, with no zod: the client form shows them without shipping
 * the schema library (lib/validation/payment-requests.ts validates with them on the server).
 * ClientPay's limits on a page's life: at most 31,540,000 s (365 days and a few hours); we offer
 * whole days (docs/clientpay-api.md, "Hosted pages").
 */
export const MAX_VALID_DAYS = 365;
export const DEFAULT_VALID_DAYS = 30;
export const MAX_INVOICE_LINES = 10;
