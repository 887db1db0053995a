import "server-only";
import { z } from "zod";

/**
 * Wire schemas for USAePay REST v2 responses. Deliberately tolerant (docs/usaepay-api.md,
 * "Field encodings"): numbers may come as strings or numbers, optional fields may be missing or
 * null, unknown fields pass through. Strictness lives in the mappers, which turn these into
 * domain types.
 */
const numberLike = z.union([z.string(), z.number()]);
const optionalText = z.string().nullish();
const optionalNumberLike = numberLike.nullish();

export const resultPairSchema = z.looseObject({ result_code: z.string().nullish(), result: z.string().nullish() });

export const apiErrorSchema = z.looseObject({ error: z.string(), errorcode: numberLike });

const creditcardSchema = z.looseObject({
  type: optionalText,
  number: optionalText,
  cardholder: optionalText,
  category_code: optionalText,
  entry_mode: optionalText,
  avs_street: optionalText,
  avs_postalcode: optionalText,
});

const checkSchema = z.looseObject({
  accountholder: optionalText,
  checknum: optionalText,
  trackingnum: optionalText,
  account_number: optionalText,
  routing_number: optionalText,
  account_type: optionalText,
  effective: optionalText,
  processed: optionalText,
  settled: optionalText,
  returned: optionalText,
});

const batchRefSchema = z.looseObject({
  type: optionalText,
  key: z.string(),
  batchrefnum: optionalNumberLike,
  sequence: optionalNumberLike,
});

/** Another transaction named by a transaction (docs/usaepay-api.md, "Linked refunds"). */
const transactionRefSchema = z.looseObject({ type: optionalText, key: z.string(), refnum: optionalNumberLike });

const linkedRefundSchema = transactionRefSchema.extend({
  created: optionalText,
  trantype_code: optionalText,
  status_code: optionalText,
  amount: optionalNumberLike,
});

const amountDetailSchema = z.looseObject({
  subtotal: optionalNumberLike,
  tax: optionalNumberLike,
  tip: optionalNumberLike,
  discount: optionalNumberLike,
  shipping: optionalNumberLike,
  duty: optionalNumberLike,
});

export const transactionSchema = z.looseObject({
  type: z.literal("transaction").optional(),
  key: z.string().nullish(),
  refnum: optionalNumberLike,
  created: optionalText,
  trantype_code: optionalText,
  trantype: optionalText,
  result_code: z.string(),
  result: optionalText,
  authcode: optionalText,
  status_code: optionalText,
  status: optionalText,
  creditcard: creditcardSchema.nullish(),
  check: checkSchema.nullish(),
  avs: resultPairSchema.nullish(),
  cvc: resultPairSchema.nullish(),
  batch: batchRefSchema.nullish(),
  amount: optionalNumberLike,
  amount_detail: amountDetailSchema.nullish(),
  auth_amount: optionalNumberLike,
  invoice: optionalText,
  ponum: optionalText,
  orderid: optionalText,
  description: optionalText,
  cust_key: optionalText,
  custid: optionalNumberLike,
  customer_email: optionalText,
  is_duplicate: optionalText,
  error: optionalText,
  error_code: optionalNumberLike,
  proc_refnum: optionalNumberLike,
  available_actions: z.array(z.string()).nullish(),
  savedcard: z.looseObject({ type: optionalText, key: z.string(), cardnumber: optionalText, expiration: optionalText }).nullish(),
  customer: z.looseObject({ custkey: optionalText, custid: optionalNumberLike }).nullish(),
  refunds: z.array(linkedRefundSchema).nullish(),
  refund_of: transactionRefSchema.nullish(),
});

/** A rendered receipt: a JSON string holding base64 of the HTML. */
export const receiptSchema = z.string();

export const paymentMethodSchema = z.looseObject({
  key: z.string(),
  type: optionalText,
  method_name: optionalText,
  cardholder: optionalText,
  expires: optionalText,
  card_type: optionalText,
  ccnum4last: optionalText,
  pay_type: optionalText,
  account_number: optionalText,
  routing_number: optionalText,
  account_type: optionalText,
  avs_street: optionalText,
  avs_postalcode: optionalText,
  sortord: optionalNumberLike,
  added: optionalText,
  updated: optionalText,
});

export const billingScheduleSchema = z.looseObject({
  key: z.string(),
  paymethod_key: optionalText,
  amount: optionalNumberLike,
  description: optionalText,
  enabled: z.union([z.string(), z.boolean(), z.number()]).nullish(),
  frequency: optionalText,
  next_date: optionalText,
  numleft: optionalNumberLike,
});

export const customerSchema = z.looseObject({
  key: z.string(),
  type: optionalText,
  customerid: optionalText,
  custid: optionalNumberLike,
  company: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  street: optionalText,
  street2: optionalText,
  city: optionalText,
  state: optionalText,
  postalcode: optionalNumberLike,
  country: optionalText,
  phone: optionalText,
  fax: optionalText,
  email: optionalText,
  url: optionalText,
  notes: optionalText,
  description: optionalText,
  payment_methods: z.array(paymentMethodSchema).nullish(),
  billing_schedules: z.array(billingScheduleSchema).nullish(),
});

export const batchSchema = z.looseObject({
  type: optionalText,
  key: z.string(),
  batchrefnum: optionalNumberLike,
  sequence: optionalNumberLike,
  opened: optionalText,
  closed: optionalText,
  scheduled: optionalText,
  status: optionalText,
  total_amount: optionalNumberLike,
  total_count: optionalNumberLike,
  sales_amount: optionalNumberLike,
  sales_count: optionalNumberLike,
  sales: optionalNumberLike,
  credits_count: optionalNumberLike,
  credits: optionalNumberLike,
  refunds_amount: optionalNumberLike,
  refunds_count: optionalNumberLike,
  voids_amount: optionalNumberLike,
  voids_count: optionalNumberLike,
});

export function listSchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    type: z.literal("list").optional(),
    limit: optionalNumberLike,
    offset: optionalNumberLike,
    data: z.array(item).nullish(),
    total: optionalNumberLike,
  });
}

export const statusSchema = z.looseObject({ status: z.string() });

export type TransactionWire = z.output<typeof transactionSchema>;
export type LinkedRefundWire = z.output<typeof linkedRefundSchema>;
export type CustomerWire = z.output<typeof customerSchema>;
export type PaymentMethodWire = z.output<typeof paymentMethodSchema>;
export type BillingScheduleWire = z.output<typeof billingScheduleSchema>;
export type BatchWire = z.output<typeof batchSchema>;
