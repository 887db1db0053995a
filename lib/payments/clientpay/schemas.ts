import "server-only";
import { z } from "zod";
import { ClientpayRequestId } from "./request-id";

/**
 * ClientPay wire schemas for responses. No response body is documented (docs/clientpay-api.md, "Responses and errors"), so these
 * are lenient on purpose: keys are matched case-insensitively (the one documented payload
 * mixes `requestID` with camelCase), ids may arrive as numbers or strings, amounts as numbers
 * or numeric strings, and token endpoints may answer with a bare JSON string. Money leaves
 * this module as integer cents.
 */

function lowerKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeysDeep);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toLowerCase(), lowerKeysDeep(inner)]));
}

/** An object schema over lower-cased keys; unknown keys pass through untouched. */
function lenientObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(lowerKeysDeep, z.object(shape).loose());
}

const idText = z.union([z.string(), z.number().transform(String)]);
const optionalIdText = idText.nullish().transform((value) => (value === "" ? null : (value ?? null)));
const optionalText = z.string().nullish().transform((value) => value ?? null);
const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const cents = amount.transform((value) => Math.round(value * 100));
const success = z.boolean().optional();
/** Request IDs leave this module wrapped, so they cannot be logged or rendered by accident. */
const requestIdValue = optionalIdText.transform((value) => (value ? new ClientpayRequestId(value) : null));

/** A token answer: `{"accessId": "..."}` in any key case, or just `"..."`. */
function tokenAnswer(key: string) {
  const objectForm = lenientObject({ success }).transform((body, ctx) => {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value !== "string" || value === "") {
      ctx.addIssue({ code: "custom", message: `${key} is missing` });
      return z.NEVER;
    }
    return { success: body.success, value };
  });
  const bareForm = z.string().min(1).transform((value) => ({ success: true as boolean | undefined, value }));
  return z.union([bareForm, objectForm]);
}

export const accessIdResponse = tokenAnswer("accessid");
export const customerAccessIdResponse = tokenAnswer("customeraccessid");
export const requestIdResponse = tokenAnswer("requestid").transform((answer) => ({ success: answer.success, value: new ClientpayRequestId(answer.value) }));

export const validityResponse = lenientObject({ success, isvalid: z.boolean() }).transform((body) => ({
  success: body.success,
  isValid: body.isvalid,
}));

/** Expire Access ID / Expire Payment Page: only `success` is expected, and even that is optional. */
export const acknowledgementResponse = z.union([
  lenientObject({ success }).transform((body) => ({ success: body.success })),
  z.literal("").transform(() => ({ success: true as boolean | undefined })),
]);

export const paymentPageResponse = lenientObject({
  success,
  requestid: idText,
  paymentpageurl: z.string().min(1),
}).transform((body) => ({ success: body.success, requestId: body.requestid, url: body.paymentpageurl }));

export const payerPageResponse = lenientObject({
  success,
  requestid: idText,
  payerpageurl: z.string().min(1),
}).transform((body) => ({ success: body.success, requestId: body.requestid, url: body.payerpageurl }));

/** A refund or void listed on a payment (our extension of Payment Search, see the emulator README). */
const refundItem = z
  .object({
    refundpaymentid: optionalIdText,
    requestid: requestIdValue,
    action: optionalText,
    amount: cents.nullish(),
    refundnote: optionalText,
    orderid: optionalText,
    refunddateutc: optionalText,
  })
  .loose()
  .transform((refund) => ({
    refundPaymentId: refund.refundpaymentid,
    requestId: refund.requestid,
    /** "Void", "Refund", or "PartialRefund" (made in ClientPay's web app). */
    action: refund.action,
    amountCents: refund.amount ?? 0,
    refundNote: refund.refundnote,
    orderId: refund.orderid,
    refundDateUtc: refund.refunddateutc,
  }));

const paymentShape = {
  success,
  requestid: requestIdValue,
  paymentid: optionalIdText,
  sessionid: optionalText,
  customerrefnumber: optionalText,
  paymentstatus: optionalText,
  paymentpageurlstatus: optionalText,
  paymentdate: optionalText,
  paymentdateutc: optionalText,
  paymentmethodtype: z.number().nullish(),
  statusbytype: z.number().nullish(),
  paymentamount: cents.nullish(),
  paymenttaxamount: cents.nullish(),
  surchargeamount: cents.nullish(),
  paymentpageurl: optionalText,
  payerid: optionalIdText,
  paymentmethodid: optionalIdText,
  orderid: optionalText,
  description: optionalText,
  // Our extension keys (docs/clientpay-api.md, "Payment search"); absent on the real service.
  payername: optionalText,
  payeremail: optionalText,
  invoicenumbers: z.array(idText).nullish(),
  accountlast4: optionalIdText,
  cardbrand: optionalText,
  issettled: z.boolean().nullish(),
  settleddateutc: optionalText,
  refundedamount: cents.nullish(),
  refunds: z.array(refundItem).nullish(),
  lastmodifiedutc: optionalText,
};

function toPayment(body: z.output<z.ZodObject<typeof paymentShape>>) {
  return {
    requestId: body.requestid,
    paymentId: body.paymentid,
    sessionId: body.sessionid,
    customerRefNumber: body.customerrefnumber,
    /** "Approved" or "Declined" for a new payment; the emulator also reports "Voided", "Refunded", "PartiallyRefunded". */
    paymentStatus: body.paymentstatus,
    paymentPageUrlStatus: body.paymentpageurlstatus,
    paymentDate: body.paymentdate,
    paymentDateUtc: body.paymentdateutc,
    paymentMethodType: body.paymentmethodtype ?? null,
    statusByType: body.statusbytype ?? null,
    amountCents: body.paymentamount ?? 0,
    taxAmountCents: body.paymenttaxamount ?? 0,
    surchargeAmountCents: body.surchargeamount ?? 0,
    paymentPageUrl: body.paymentpageurl,
    payerId: body.payerid,
    paymentMethodId: body.paymentmethodid,
    orderId: body.orderid,
    description: body.description,
    /** 0 = card, 1 = eCheck (the emulator's reading of ClientPay's paymentMethodType). */
    method: body.paymentmethodtype === 1 ? ("eCheck" as const) : body.paymentmethodtype === 0 ? ("card" as const) : null,
    payerName: body.payername,
    payerEmail: body.payeremail,
    invoiceNumbers: body.invoicenumbers ?? [],
    accountLast4: body.accountlast4,
    cardBrand: body.cardbrand,
    /** Null when the service did not say (the real one documents no settlement flag). */
    isSettled: body.issettled ?? null,
    settledDateUtc: body.settleddateutc,
    refundedAmountCents: body.refundedamount ?? 0,
    refunds: body.refunds ?? [],
    lastModifiedUtc: body.lastmodifiedutc,
  };
}

export type ClientpayPayment = ReturnType<typeof toPayment>;

export const paymentResponse = lenientObject(paymentShape).transform((body) => ({
  success: body.success,
  payment: toPayment(body),
}));

export const refundResponse = lenientObject({
  success,
  paymentid: optionalIdText,
  refundpaymentid: optionalIdText,
  action: z.string().nullish(),
  amount: cents.nullish(),
}).transform((body) => ({
  success: body.success,
  paymentId: body.paymentid,
  refundPaymentId: body.refundpaymentid,
  /** "Void" before settlement, "Refund" after; null if the service did not say. */
  action: body.action === "Void" || body.action === "Refund" ? body.action : null,
  amountCents: body.amount ?? null,
}));

export const payerIdResponse = lenientObject({ success, payerid: idText }).transform((body) => ({
  success: body.success,
  payerId: body.payerid,
}));

export const paymentMethodsResponse = lenientObject({
  success,
  paymentmethods: z.array(lenientObject({ id: idText, isprimary: z.boolean().nullish() })).default([]),
}).transform((body) => ({
  success: body.success,
  paymentMethods: body.paymentmethods.map((method) => ({ id: method.id, isPrimary: method.isprimary ?? false })),
}));

export const countResponse = z.union([
  z.number().int().nonnegative().transform((count) => ({ success: true as boolean | undefined, count })),
  lenientObject({ success, count: z.number().int().nonnegative() }).transform((body) => ({ success: body.success, count: body.count })),
]);

export const searchResultsResponse = z.union([
  z.array(lenientObject(paymentShape)).transform((items) => ({ success: true as boolean | undefined, payments: items.map(toPayment) })),
  lenientObject({ success, payments: z.array(z.object(paymentShape).loose()).default([]) }).transform((body) => ({
    success: body.success,
    payments: body.payments.map(toPayment),
  })),
]);

const connectInvoice = lenientObject({
  invoicenumber: idText,
  invoicedate: optionalText,
  outstandingbalance: cents.nullish(),
  paymentamount: cents.nullish(),
  matternumber: optionalIdText,
  matterdescription: optionalText,
  clientid: optionalIdText,
  clientname: optionalText,
  pdflink: optionalText,
  ismultipay: optionalText,
  matterpk: optionalIdText,
}).transform((invoice) => ({
  invoiceNumber: invoice.invoicenumber,
  invoiceDate: invoice.invoicedate,
  outstandingBalanceCents: invoice.outstandingbalance ?? null,
  paymentAmountCents: invoice.paymentamount ?? null,
  matterNumber: invoice.matternumber,
  matterDescription: invoice.matterdescription,
  clientId: invoice.clientid,
  clientName: invoice.clientname,
  pdfLink: invoice.pdflink,
  isMultiPay: invoice.ismultipay,
  matterPK: invoice.matterpk,
}));

export type ClientpayConnectInvoice = z.output<typeof connectInvoice>;

export const connectSearchResponse = z.union([
  z.array(connectInvoice).transform((invoices) => ({ success: true as boolean | undefined, invoices })),
  lenientObject({ success, invoices: z.array(z.unknown()).default([]) }).transform((body, ctx) => {
    const parsed = z.array(connectInvoice).safeParse(body.invoices);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: "invoices did not match the connect invoice shape" });
      return z.NEVER;
    }
    return { success: body.success, invoices: parsed.data };
  }),
]);

const payerMethod = z
  .object({
    id: idText,
    isprimary: z.boolean().nullish(),
    type: optionalText,
    last4: optionalIdText,
    cardbrand: optionalText,
    cardholdername: optionalText,
    expirationdatemonth: z.number().nullish(),
    expirationdateyear: z.number().nullish(),
    nameonaccount: optionalText,
    accounttype: optionalText,
  })
  .loose()
  .transform((method) => ({
    id: method.id,
    isPrimary: method.isprimary ?? false,
    type: method.type === "eCheck" ? ("eCheck" as const) : ("card" as const),
    last4: method.last4,
    cardBrand: method.cardbrand,
    cardholderName: method.cardholdername,
    expirationDateMonth: method.expirationdatemonth ?? null,
    expirationDateYear: method.expirationdateyear ?? null,
    nameOnAccount: method.nameonaccount,
    accountType: method.accounttype,
  }));

/** Get Payer: our extension (ClientPay documents no read of a payer). */
export const payerResponse = lenientObject({
  success,
  payer: z
    .object({
      payerid: idText,
      firstname: optionalText,
      lastname: optionalText,
      businessname: optionalText,
      payername: z.number().nullish(),
      emails: z.array(z.string()).nullish(),
      paymentmethods: z.array(payerMethod).nullish(),
    })
    .loose(),
}).transform((body) => ({
  success: body.success,
  payer: {
    payerId: body.payer.payerid,
    firstName: body.payer.firstname,
    lastName: body.payer.lastname,
    businessName: body.payer.businessname,
    payerName: body.payer.payername ?? null,
    emails: body.payer.emails ?? [],
    paymentMethods: body.payer.paymentmethods ?? [],
  },
}));

export type ClientpayPayer = z.output<typeof payerResponse>["payer"];

/** The error body we assume (docs/clientpay-api.md, "Responses and errors"); only used for logs and error causes, never shown. */
export const errorBody = lenientObject({
  success,
  message: z.string().nullish(),
  errors: z.array(z.unknown()).nullish(),
});
