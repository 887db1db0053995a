import { z } from "zod";

/**
 * Request bodies as the emulator accepts them (after canonical-keys.ts). Rules come from the
 * objects in docs/clientpay-api.md and the interpretations marked there.
 */

/** Decimals arrive as JSON numbers; numeric strings are tolerated like ASP.NET would. */
const decimal = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const money = decimal.pipe(z.number().nonnegative());
const optionalText = z.string().nullish();
const required = (name: string) => z.string({ error: `${name} is required` }).trim().min(1, `${name} is required`);

export const US_CANADA_STATES = new Set(
  ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK " +
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM AA AE AP " +
    "AB BC MB NB NL NS NT NU ON PE QC SK YT").split(" "),
);

const stateCode = z
  .string()
  .nullish()
  .refine((value) => value == null || value === "" || US_CANADA_STATES.has(value.toUpperCase()), {
    message: "state must be a valid 2-character US or Canada code",
  });

export const credentialsBody = z.object({
  integratorKey: required("integratorKey"),
  accountKey: required("accountKey"),
  accountPin: required("accountPin"),
});

export const customerCredentialsBody = z.object({
  integratorKey: required("integratorKey"),
  customerKey: required("customerKey"),
  customerPin: required("customerPin"),
});

export const tokenObject = z.object(
  { requestId: required("token.requestId"), sessionId: optionalText, customerId: optionalText },
  { error: "token is required" },
);

export const billingAddress = z
  .object({
    addressLine1: optionalText,
    city: optionalText,
    state: stateCode,
    zipCode: optionalText,
    phoneNumber: optionalText,
    nameOnAccount: optionalText,
    country: optionalText,
  })
  .nullish();

export const pageOptions = z
  .object({
    headerText: optionalText,
    subHeaderText: optionalText,
    footerText: optionalText,
    hideCustomerHeaderLogo: z.boolean().nullish(),
    duration: z.number().int().nullish(),
    styling: optionalText,
    disableRecaptcha: z.boolean().nullish(),
    enablePayerSaving: z.boolean().nullish(),
    isPayerFacing: z.boolean().nullish(),
  })
  .nullish();

export const responseOptions = z
  .object({
    enableClientSidePostBack: z.boolean().nullish(),
    clientSideReturnAddress: optionalText,
    serverSideReturnAddress: z.url().nullish(),
  })
  .nullish();

// docs/clientpay-api.md, "Hosted pages": emailOptions fields are unknown; accept any object, read the two we recognise.
export const emailOptions = z
  .object({ sendReceiptToPayer: z.boolean().nullish(), receiptEmails: z.array(z.string()).nullish() })
  .loose()
  .nullish();

const invoiceDate = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .regex(/^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/, `${name} must be yyyy-mm-dd or mm/dd/yyyy`);

export const invoice = z.object({
  editable: z.boolean().nullish(),
  invoiceNumber: required("invoiceNumber"),
  invoiceDate: invoiceDate("invoiceDate"),
  dueDate: invoiceDate("dueDate").nullish(),
  subtotalAmount: money.nullish(),
  discountAmount: money.nullish(),
  tax: money.nullish(),
  outstandingBalance: money,
  paymentAmount: money.nullish(),
  clientID: optionalText,
  clientName: optionalText,
  pdfLink: optionalText,
});

export const connectInvoice = z.object({
  invoiceNumber: required("invoiceNumber"),
  invoiceDate: invoiceDate("invoiceDate"),
  outstandingBalance: money,
  paymentAmount: money.nullish(),
  matterNumber: optionalText,
  matterDescription: optionalText,
  clientID: optionalText,
  clientName: optionalText,
  pdfLink: optionalText,
  isMultiPay: z.enum(["Y", "N"]).nullish(),
  matterPK: optionalText,
});

export const lineItem = z.object({
  paymentAmount: money,
  editable: z.boolean().nullish(),
  itemId: optionalText,
  itemName: optionalText,
  itemDescription: optionalText,
});

export const lineItemTableLabels = z.object(
  { itemIdLabel: optionalText, itemNameLabel: optionalText, itemDescriptionLabel: optionalText },
  { error: "lineItemTableLabels is required" },
);

const pageCommon = {
  token: tokenObject,
  payerOrPaymentMethodId: optionalText,
  nameOnAccount: optionalText,
  billingAddress,
  pageOptions,
  emailOptions,
  responseOptions,
};

export const invoicePageBody = z.object({ ...pageCommon, invoices: z.array(invoice).min(1, "invoices must not be empty") });
export const lineItemPageBody = z.object({
  ...pageCommon,
  lineItems: z.array(lineItem).min(1, "lineItems must not be empty"),
  lineItemTableLabels,
});
const connectOption = z
  .number({ error: "connectOption is required" })
  .int()
  .refine((value) => value >= 1 && value <= 4, "connectOption must be 1 (ProLaw), 2 (Enterprise), 3 (3E) or 4 (Aderant)");
export const connectPageBody = z.object({
  ...pageCommon,
  connectOption,
  invoices: z.array(connectInvoice).min(1, "invoices must not be empty"),
});

export const payerPageBody = z.object({
  token: tokenObject,
  acceptMultipleMethods: z.boolean().nullish(),
  hidePayerNamePanel: z.boolean().nullish(),
  payerId: optionalText,
  allowEditsToExistingMethods: z.boolean().nullish(),
  pageOptions,
  responseOptions,
});

export const expirePageBody = z.object({ requestId: required("requestId") });

const currentYear = () => new Date().getUTCFullYear();

export const creditCard = z.object({
  cardholderName: required("creditCard.cardholderName"),
  cardNumber: z.string({ error: "creditCard.cardNumber is required" }).regex(/^\d{13,19}$/, "creditCard.cardNumber must be 13-19 digits"),
  expirationDateMonth: z.coerce.number().int().min(1).max(12),
  expirationDateYear: z.coerce
    .number()
    .int()
    .min(1000)
    .max(9999)
    .refine((year) => year >= currentYear(), "creditCard.expirationDateYear is in the past"),
  cvv: z.string().regex(/^\d{3,4}$/, "creditCard.cvv must be 3 or 4 digits").nullish(),
});

export const ECHECK_ACCOUNT_TYPES = ["checking_business", "checking_personal", "savings_business", "savings_personal"] as const;

// Our interpretation: eCheck accountType is typed Integer but documented with strings; accept both, store the string.
const accountType = z
  .union([z.enum(ECHECK_ACCOUNT_TYPES), z.number().int().min(1).max(4).transform((n) => ECHECK_ACCOUNT_TYPES[n - 1]!)])
  .nullish()
  .transform((value) => value ?? "checking_business");

export const eCheck = z.object({
  nameOnAccount: required("eCheck.nameOnAccount"),
  routingNumber: z.string().regex(/^\d{9}$/, "eCheck.routingNumber must be 9 digits"),
  accountNumber: z.string().regex(/^\d{4,17}$/, "eCheck.accountNumber must be 4-17 digits"),
  accountType,
});

export const paymentBody = z.object({
  token: tokenObject,
  totalAmount: decimal.pipe(z.number().positive("totalAmount must be greater than zero")),
  tax: money.nullish(),
  description: optionalText,
  orderId: optionalText,
  payerOrPaymentMethodId: optionalText,
  creditCard: creditCard.nullish(),
  eCheck: eCheck.nullish(),
  billingInformation: billingAddress,
});

export const refundBody = z.object({
  token: tokenObject,
  paymentId: z.union([z.string(), z.number().transform(String)]).pipe(required("paymentId")),
  enableRemainingAmountRefunds: z.boolean().nullish(),
  refundNote: optionalText,
  orderId: optionalText,
  emailOptions,
});

// Our interpretation: payerName accepts 1-3 and the three spellings of the doc example; stored as the integer.
const PAYER_NAME_WORDS: Record<string, number> = { firstlast: 1, business: 2, firstlastbusiness: 3 };
const payerName = z
  .union([
    z.number().int().min(1).max(3),
    z.string().transform((text, ctx) => {
      const mapped = PAYER_NAME_WORDS[text.toLowerCase()] ?? (/^[123]$/.test(text) ? Number(text) : undefined);
      if (mapped === undefined) {
        ctx.addIssue({ code: "custom", message: "payerName must be 1, 2, 3, firstLast, business or firstLastBusiness" });
        return z.NEVER;
      }
      return mapped;
    }),
  ])
  .nullish();

export const payerAddress = z
  .object({
    addressLine1: optionalText,
    phoneNumber: optionalText,
    city: optionalText,
    state: stateCode,
    zipCode: optionalText,
    country: optionalText,
  })
  .nullish();

export const payerFields = z.object({
  firstName: optionalText,
  lastName: optionalText,
  businessName: optionalText,
  payerName,
  emails: z.array(z.string()).nullish(),
  payerAddress,
});

export const newPayerBody = z.object({
  token: tokenObject,
  payer: payerFields.refine(
    (payer) => Boolean(payer.firstName?.trim() || payer.lastName?.trim() || payer.businessName?.trim()),
    "payer needs at least one of firstName, lastName, businessName",
  ),
});
export const updatePayerBody = z.object({ token: tokenObject, payerId: required("payerId"), payer: payerFields });
export const deletePayerBody = z.object({ token: tokenObject, payerId: required("payerId") });
/** Get Payer is our extension and a read: no token. */
export const getPayerBody = z.object({ payerId: required("payerId") });

export const newPaymentMethod = z.object({
  id: optionalText,
  isPrimary: z.boolean().nullish(),
  creditCard: creditCard.nullish(),
  eCheck: eCheck.nullish(),
  billingAddress,
});
export const newPaymentMethodsBody = z.object({
  token: tokenObject,
  payerId: required("payerId"),
  paymentMethods: z.array(newPaymentMethod).min(1, "paymentMethods must not be empty"),
});

// Update may change only isPrimary, holder names and expiry (section 7).
export const updatePaymentMethod = z.object({
  id: required("paymentMethods.id"),
  isPrimary: z.boolean().nullish(),
  creditCard: z
    .object({
      cardholderName: optionalText,
      expirationDateMonth: z.coerce.number().int().min(1).max(12).nullish(),
      expirationDateYear: z.coerce.number().int().min(1000).max(9999).nullish(),
    })
    .loose()
    .nullish(),
  eCheck: z.object({ nameOnAccount: optionalText }).loose().nullish(),
  billingAddress,
});
export const updatePaymentMethodsBody = z.object({
  token: tokenObject,
  paymentMethods: z.array(updatePaymentMethod).min(1, "paymentMethods must not be empty"),
});

export const connectSearchBody = z.object({
  connectOption,
  searchOption: z.number({ error: "searchOption is required" }).int().min(1).max(3),
  searchText: required("searchText"),
  filterOption: z.number().int().min(1).max(3).nullish(),
  filterText: optionalText,
});

export type CreditCardInput = z.infer<typeof creditCard>;
export type ECheckInput = z.infer<typeof eCheck>;
export type PageOptionsInput = z.infer<typeof pageOptions>;
export type ResponseOptionsInput = z.infer<typeof responseOptions>;
