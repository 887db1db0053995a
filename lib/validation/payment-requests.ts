import { z } from "zod";
import { accountSlug, amountCents, calendarDay, checkbox, moneyFormToken, optionalText } from "./form-fields";
import { MAX_INVOICE_LINES, MAX_VALID_DAYS } from "./payment-request-limits";
import { pick, tableHref, tableQuerySchema, type SearchParams } from "./table-state";

/**
 * Payment requests (ClientPay invoice payment pages): the list's URL state and the forms.
 * Page facts (duration limits, invoice fields): docs/clientpay-api.md, "Hosted pages".
 */
export const PAYMENT_REQUEST_STATUSES = { open: "Open", paid: "Paid", expired: "Expired" } as const;
export type PaymentRequestStatus = keyof typeof PAYMENT_REQUEST_STATUSES;

const listSchema = tableQuerySchema(["created"] as const, {
  status: z.enum(["open", "paid", "expired"]).optional().catch(undefined),
});
export type PaymentRequestQuery = z.infer<typeof listSchema>;

export function parsePaymentRequestQuery(params: SearchParams): PaymentRequestQuery {
  return listSchema.parse(pick(params, ["q", "status", "sort", "dir", "page", "pageSize"]));
}

export function paymentRequestHref(base: string, query: PaymentRequestQuery, changes: Partial<PaymentRequestQuery> = {}): string {
  return tableHref(base, query, changes, (next) => ({ q: next.q, status: next.status, dir: next.dir, page: next.page, pageSize: next.pageSize }), { sort: "created" });
}

export { DEFAULT_VALID_DAYS, MAX_INVOICE_LINES, MAX_VALID_DAYS } from "./payment-request-limits";

const invoiceLine = z.object({
  invoiceNumber: z.string().trim().min(1, "Enter the invoice number.").max(40, "Keep invoice numbers under 40 characters."),
  invoiceDate: calendarDay,
  amountCents,
});
export type InvoiceLineInput = z.infer<typeof invoiceLine>;

/**
 * Invoice lines arrive as flat fields (invoice0Number, invoice0Date, invoice0Amount, …) because a
 * form posts one value per name; fully empty lines are dropped. Errors point at the line's field.
 */
function collectInvoices(raw: Record<string, unknown>, ctx: z.RefinementCtx): InvoiceLineInput[] {
  const lines: InvoiceLineInput[] = [];
  let filled = 0;
  for (let index = 0; index < MAX_INVOICE_LINES; index += 1) {
    const number = String(raw[`invoice${index}Number`] ?? "").trim();
    const date = String(raw[`invoice${index}Date`] ?? "").trim();
    const amount = String(raw[`invoice${index}Amount`] ?? "").trim();
    if (!number && !amount) continue;
    filled += 1;
    const parsed = invoiceLine.safeParse({ invoiceNumber: number, invoiceDate: date, amountCents: amount });
    if (parsed.success) lines.push(parsed.data);
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [`invoice${index}${({ invoiceNumber: "Number", invoiceDate: "Date", amountCents: "Amount" } as Record<string, string>)[String(issue.path[0])]}`] });
  }
  if (filled === 0) ctx.addIssue({ code: "custom", message: "Add at least one invoice with its number and amount.", path: ["invoice0Number"] });
  const numbers = lines.map((line) => line.invoiceNumber.toLowerCase());
  if (new Set(numbers).size !== numbers.length) ctx.addIssue({ code: "custom", message: "Each invoice number may appear once.", path: ["invoice0Number"] });
  return lines;
}

const emailList = z
  .string()
  .trim()
  .max(500)
  .optional()
  .default("")
  .transform((value) => value.split(/[,;\s]+/).filter(Boolean))
  .refine((emails) => emails.length <= 5, "At most five addresses.")
  .refine((emails) => emails.every((email) => z.email().safeParse(email).success), "One of these is not an email address.");

const requestFields = z.object({
  merchant: accountSlug,
  token: moneyFormToken,
  draftKey: z.string().trim().regex(/^pr_[\w-]{16,64}$/, "This form is not valid any more. Reload the page."),
  payerName: z.string().trim().min(1, "Enter who is paying.").max(100),
  payerEmail: z.email("Enter the payer's email address.").max(200),
  payerId: z.string().trim().max(64).optional().default(""),
  dueDate: z.union([z.literal(""), calendarDay]).optional().default(""),
  allowPartial: checkbox,
  note: optionalText(300, "Keep the note under 300 characters."),
  headerText: optionalText(100, "Keep the heading under 100 characters."),
  footerText: optionalText(200, "Keep the footer under 200 characters."),
  validDays: z.coerce.number({ error: "Enter a number of days." }).int("Whole days only.").min(1, "At least one day.").max(MAX_VALID_DAYS, `At most ${MAX_VALID_DAYS} days.`),
  enablePayerSaving: checkbox,
  sendReceipt: checkbox,
  receiptEmails: emailList,
});

export const createPaymentRequestSchema = z
  .looseObject({})
  .transform((raw, ctx) => {
    const fields = requestFields.safeParse(raw);
    const invoices = collectInvoices(raw, ctx);
    if (!fields.success) {
      for (const issue of fields.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path.map(String) });
      return z.NEVER;
    }
    return { ...fields.data, invoices };
  })
  .superRefine((input, ctx) => {
    if (input.dueDate && input.invoices.some((invoice) => invoice.invoiceDate > input.dueDate)) {
      ctx.addIssue({ code: "custom", message: "The due date cannot be before an invoice's date.", path: ["dueDate"] });
    }
  });
export type CreatePaymentRequestInput = z.output<typeof createPaymentRequestSchema>;

/** Expire or check one request, by its Paydesk id (never a ClientPay request ID). */
export const paymentRequestActionSchema = z.object({
  merchant: accountSlug,
  pageId: z.string().trim().min(1).max(64),
});
