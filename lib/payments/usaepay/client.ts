import "server-only";
import type { z } from "zod";
import { logger as defaultLogger } from "@/lib/logger";
import { createHttpClient, type FetchLike, type HttpLogger, type RateLimitInfo, type RetryPolicy } from "../http";
import { buildAuthorizationHeader } from "./auth";
import { errorInSuccessBody, mapUsaepayError, rateLimitFromHeaders } from "./errors";
import {
  toBatch,
  toCustomer,
  toPaymentMethod,
  toTransaction,
  type UsaepayBatch,
  type UsaepayCustomer,
  type UsaepayPaymentMethod,
  type UsaepayTransaction,
} from "./mappers";
import { centsToWireMoney } from "./money";
import { batchSchema, customerSchema, listSchema, paymentMethodSchema, receiptSchema, statusSchema, transactionSchema } from "./schemas";

/**
 * Typed USAePay REST v2 client on the shared HTTP base (facts: docs/usaepay-api.md). Reads retry
 * (jittered, 429-aware); POST /transactions (sale, refund, void, capture, adjust ...) and a batch
 * close never retry: re-sending could move money twice. When such a call may have been acted on
 * without an answer (timeout or reset after sending, 5xx, unreadable 2xx) the GatewayError carries
 * `outcomeUnknown: true` (`isOutcomeUnknown` in ../http): record it so and reconcile by a read
 * (`getTransaction` of the original shows its `refunds`), never by sending again. Declines and
 * gateway refusals are results (result_code D/E), not exceptions: `transactionFailure` in ./errors
 * turns one into a GatewayError.
 */

export interface UsaepayClientOptions {
  /** e.g. "https://sandbox.usaepay.com/api/v2/" or with an endpoint key instead of "v2". */
  baseUrl: string;
  apiKey: string;
  pin: string;
  fetch?: FetchLike;
  /** Per attempt; default 20 s. */
  timeoutMs?: number;
  logger?: HttpLogger;
  retry?: Partial<RetryPolicy>;
  /** Called with the X-Rate-Limit figures of every response that carries them. */
  onRateLimit?: (info: RateLimitInfo) => void;
  /** Test seams for retry waits and jitter. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  rateLimit?: RateLimitInfo;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

export interface IterateOptions {
  /** Default 1000, the largest page the API serves. */
  pageSize?: number;
  startOffset?: number;
  signal?: AbortSignal;
}

export interface CardInput {
  number: string;
  /** MMYY */
  expiration: string;
  cvc?: string;
  cardholder?: string;
  avsStreet?: string;
  avsPostalcode?: string;
}

export interface CheckInput {
  accountholder?: string;
  routing: string;
  account: string;
  accountType?: "checking" | "savings";
  checkNumber?: string;
  secCode?: string;
}

export interface AddressInput {
  company?: string;
  firstName?: string;
  lastName?: string;
  street?: string;
  street2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  phone?: string;
}

export interface SaleInput {
  amountCents: number;
  /** A card, or `token` (a saved card reference) — one of them. */
  card?: CardInput;
  token?: string;
  taxCents?: number;
  tipCents?: number;
  invoice?: string;
  orderId?: string;
  poNumber?: string;
  description?: string;
  email?: string;
  customerKey?: string;
  billing?: AddressInput;
  saveCard?: boolean;
  ignoreDuplicate?: boolean;
  signal?: AbortSignal;
}

export interface CheckSaleInput extends Omit<SaleInput, "card" | "token" | "saveCard"> {
  check: CheckInput;
}

export interface ReferenceInput {
  /** The transaction's key (preferred) or refnum. */
  transactionKey?: string;
  refnum?: string;
  amountCents?: number;
  signal?: AbortSignal;
}

export interface AdjustInput extends Omit<ReferenceInput, "amountCents"> {
  /** The sale's new total (cc:adjust sets it; it does not add to it). */
  amountCents: number;
}

export interface CustomerChargeInput {
  customerKey: string;
  /** A saved method's key; without it the customer's default method is charged. */
  paymentMethodKey?: string;
  amountCents: number;
  invoice?: string;
  description?: string;
  signal?: AbortSignal;
}

export interface EmailReceiptInput {
  transactionKey: string;
  toEmail: string;
  fromEmail?: string;
  /** Receipt template; default the standard "vterm". */
  template?: string;
  signal?: AbortSignal;
}

/** The standard receipt template, used when none is named. */
export const STANDARD_RECEIPT_TEMPLATE = "vterm";

export interface CustomerInput {
  company?: string;
  firstName?: string;
  lastName?: string;
  customerNumber?: string;
  email?: string;
  phone?: string;
  street?: string;
  street2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  notes?: string;
  description?: string;
}

export interface PaymentMethodInput {
  card?: CardInput;
  check?: CheckInput;
  methodName?: string;
  makeDefault?: boolean;
}

export interface BatchFilters extends ListOptions {
  /** YYYYMMDD; lt/gt exclusive, le/ge inclusive (docs/usaepay-api.md, "Batches"). */
  openedLt?: string;
  openedGt?: string;
  openedLe?: string;
  openedGe?: string;
  closedLt?: string;
  closedGt?: string;
  closedLe?: string;
  closedGe?: string;
}

const transactionList = listSchema(transactionSchema);
const customerList = listSchema(customerSchema);
const paymentMethodList = listSchema(paymentMethodSchema);
const batchList = listSchema(batchSchema);

function toPage<W, T>(data: { data?: W[] | null; total?: string | number | null; limit?: string | number | null; offset?: string | number | null }, map: (wire: W) => T, rateLimit: RateLimitInfo | undefined): Page<T> {
  const items = (data.data ?? []).map(map);
  return {
    items,
    total: Number(data.total ?? items.length),
    limit: Number(data.limit ?? items.length),
    offset: Number(data.offset ?? 0),
    rateLimit,
  };
}

function cardBody(card: CardInput) {
  return {
    number: card.number,
    expiration: card.expiration,
    cvc: card.cvc,
    cardholder: card.cardholder,
    avs_street: card.avsStreet,
    avs_postalcode: card.avsPostalcode,
  };
}

function checkBody(check: CheckInput) {
  return {
    accountholder: check.accountholder,
    routing: check.routing,
    account: check.account,
    account_type: check.accountType,
    number: check.checkNumber,
    format: check.secCode,
  };
}

function addressBody(address: AddressInput | undefined) {
  if (!address) return undefined;
  return {
    company: address.company,
    first_name: address.firstName,
    last_name: address.lastName,
    street: address.street,
    street2: address.street2,
    city: address.city,
    state: address.state,
    postalcode: address.postalCode,
    country: address.country,
    phone: address.phone,
  };
}

function customerBody(input: CustomerInput) {
  return {
    company: input.company,
    first_name: input.firstName,
    last_name: input.lastName,
    customerid: input.customerNumber,
    email: input.email,
    phone: input.phone,
    street: input.street,
    street2: input.street2,
    city: input.city,
    state: input.state,
    postalcode: input.postalCode,
    country: input.country,
    notes: input.notes,
    description: input.description,
  };
}

function saleFields(input: Omit<SaleInput, "card" | "token" | "saveCard">) {
  const detail = input.taxCents !== undefined || input.tipCents !== undefined
    ? { tax: input.taxCents === undefined ? undefined : centsToWireMoney(input.taxCents), tip: input.tipCents === undefined ? undefined : centsToWireMoney(input.tipCents) }
    : undefined;
  return {
    amount: centsToWireMoney(input.amountCents),
    amount_detail: detail,
    invoice: input.invoice,
    orderid: input.orderId,
    ponum: input.poNumber,
    description: input.description,
    email: input.email,
    custkey: input.customerKey,
    billing_address: addressBody(input.billing),
    ignore_duplicate: input.ignoreDuplicate ? true : undefined,
  };
}

function reference(input: ReferenceInput) {
  if (!input.transactionKey && !input.refnum) throw new Error("transactionKey or refnum is required");
  return {
    trankey: input.transactionKey,
    refnum: input.transactionKey ? undefined : input.refnum,
    amount: input.amountCents === undefined ? undefined : centsToWireMoney(input.amountCents),
  };
}

export function createUsaepayClient(options: UsaepayClientOptions) {
  let lastRateLimit: RateLimitInfo | undefined;
  const http = createHttpClient({
    gateway: "usaepay",
    baseUrl: options.baseUrl,
    mapError: mapUsaepayError,
    inspectBody: errorInSuccessBody,
    // A fresh seed per attempt: the header differs on every call.
    headers: () => ({ Authorization: buildAuthorizationHeader(options.apiKey, options.pin) }),
    secrets: [options.apiKey, options.pin],
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    logger: options.logger ?? defaultLogger.child({ gateway: "usaepay" }),
    sleep: options.sleep,
    random: options.random,
    onResponse: ({ headers }) => {
      const info = rateLimitFromHeaders(headers);
      if (!info) return;
      lastRateLimit = info;
      options.onRateLimit?.(info);
    },
  });

  async function get<S extends z.ZodType>(path: string, schema: S, operation: string, query?: Record<string, string | number | undefined>, signal?: AbortSignal) {
    const response = await http.request({ method: "GET", path, query, schema, operation, signal });
    return { data: response.data, rateLimit: rateLimitFromHeaders(response.headers) };
  }

  /** Strips undefined so the JSON body carries only what the caller set. */
  function clean<T extends object>(body: T): T {
    return JSON.parse(JSON.stringify(body)) as T;
  }

  async function command(body: Record<string, unknown>, operation: string, signal?: AbortSignal): Promise<UsaepayTransaction> {
    const response = await http.request({
      method: "POST",
      path: "transactions",
      body: clean(body),
      schema: transactionSchema,
      idempotent: false,
      operation,
      signal,
    });
    return toTransaction(response.data);
  }

  const list = (limit?: number, offset?: number) => ({ limit: limit ?? 20, offset: offset ?? 0 });

  async function* pages<T>(fetchPage: (limit: number, offset: number, signal?: AbortSignal) => Promise<Page<T>>, iterate: IterateOptions = {}): AsyncGenerator<Page<T>> {
    const pageSize = Math.min(1000, Math.max(1, iterate.pageSize ?? 1000));
    let offset = iterate.startOffset ?? 0;
    for (;;) {
      const page = await fetchPage(pageSize, offset, iterate.signal);
      yield page;
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) return;
    }
  }

  const client = {
    /** The X-Rate-Limit figures of the latest response (undefined before the first call). */
    get lastRateLimit(): RateLimitInfo | undefined {
      return lastRateLimit;
    },

    // ---- transactions ----

    // GET /api/v2/transactions — safe to retry. Newest first.
    async listTransactions(opts: ListOptions = {}): Promise<Page<UsaepayTransaction>> {
      const { data, rateLimit } = await get("transactions", transactionList, "transactions.list", list(opts.limit, opts.offset), opts.signal);
      return toPage(data, toTransaction, rateLimit);
    },

    // GET /api/v2/transactions (paged) — safe to retry. Yields pages newest first until `total`.
    // Paging is by offset: rows added at the head during a walk shift later pages, so a walk can
    // see a row twice but never skips one. Deduplicate by `key`.
    iterateTransactions(opts: IterateOptions = {}): AsyncGenerator<Page<UsaepayTransaction>> {
      return pages((limit, offset, signal) => client.listTransactions({ limit, offset, signal }), opts);
    },

    // GET /api/v2/transactions/{key} — safe to retry.
    async getTransaction(key: string, signal?: AbortSignal): Promise<UsaepayTransaction> {
      const { data } = await get(`transactions/${encodeURIComponent(key)}`, transactionSchema, "transactions.get", undefined, signal);
      return toTransaction(data);
    },

    // POST /api/v2/transactions (cc:sale) — moves money: never retried.
    sale(input: SaleInput): Promise<UsaepayTransaction> {
      return command({ command: "cc:sale", ...saleFields(input), creditcard: tenderOf(input), save_card: input.saveCard ? true : undefined }, "transactions.sale", input.signal);
    },

    // POST /api/v2/transactions (cc:authonly) — reserves funds: never retried.
    authorize(input: SaleInput): Promise<UsaepayTransaction> {
      return command({ command: "cc:authonly", ...saleFields(input), creditcard: tenderOf(input), save_card: input.saveCard ? true : undefined }, "transactions.authonly", input.signal);
    },

    // POST /api/v2/transactions (cc:capture) — moves money: never retried. Captures an auth-only for
    // its authorized amount, or for `amountCents` when lower; answers with the auth's own key.
    capture(input: ReferenceInput): Promise<UsaepayTransaction> {
      return command({ command: "cc:capture", ...reference(input) }, "transactions.capture", input.signal);
    },

    // POST /api/v2/transactions (refund) — moves money: never retried. A connected refund: the whole
    // remaining amount without `amountCents`, else that part; a new transaction with its own key.
    refund(input: ReferenceInput): Promise<UsaepayTransaction> {
      return command({ command: "refund", ...reference(input) }, "transactions.refund", input.signal);
    },

    // POST /api/v2/transactions (void / cc:void:release) — changes money movement: never retried.
    // Only before settlement; `releaseFunds` also releases the hold on the card at once (no unvoid).
    voidTransaction(input: Omit<ReferenceInput, "amountCents"> & { releaseFunds?: boolean }): Promise<UsaepayTransaction> {
      const ref = reference({ transactionKey: input.transactionKey, refnum: input.refnum });
      return command({ command: input.releaseFunds ? "cc:void:release" : "void", ...ref }, "transactions.void", input.signal);
    },

    // POST /api/v2/transactions (cc:adjust) — changes an unsettled card sale's amount: never retried.
    adjust(input: AdjustInput): Promise<UsaepayTransaction> {
      return command({ command: "cc:adjust", ...reference(input) }, "transactions.adjust", input.signal);
    },

    // POST /api/v2/transactions (cc:credit) — an open refund to a card: never retried.
    credit(input: SaleInput): Promise<UsaepayTransaction> {
      return command({ command: "cc:credit", ...saleFields(input), creditcard: tenderOf(input) }, "transactions.credit", input.signal);
    },

    // POST /api/v2/transactions (check:sale) — moves money: never retried.
    checkSale(input: CheckSaleInput): Promise<UsaepayTransaction> {
      return command({ command: "check:sale", ...saleFields(input), check: checkBody(input.check) }, "transactions.check_sale", input.signal);
    },

    // POST /api/v2/transactions (check:credit) — moves money: never retried.
    checkCredit(input: CheckSaleInput): Promise<UsaepayTransaction> {
      return command({ command: "check:credit", ...saleFields(input), check: checkBody(input.check) }, "transactions.check_credit", input.signal);
    },

    // POST /api/v2/transactions (customer:sale) — charges a saved method: never retried.
    chargeCustomer(input: CustomerChargeInput): Promise<UsaepayTransaction> {
      return command({ command: "customer:sale", custkey: input.customerKey, paymethod_key: input.paymentMethodKey, amount: centsToWireMoney(input.amountCents), invoice: input.invoice, description: input.description }, "transactions.customer_sale", input.signal);
    },

    // GET /api/v2/transactions/{key}/receipts/{template} — safe to retry. The receipt's HTML, decoded
    // from the base64 string the API sends. An unknown template is a not_found error (20030).
    async getReceipt(transactionKey: string, options: { template?: string; signal?: AbortSignal } = {}): Promise<string> {
      const template = options.template ?? STANDARD_RECEIPT_TEMPLATE;
      const { data } = await get(`transactions/${encodeURIComponent(transactionKey)}/receipts/${encodeURIComponent(template)}`, receiptSchema, "transactions.receipt", undefined, options.signal);
      return Buffer.from(data, "base64").toString("utf8");
    },

    // POST /api/v2/transactions/{key}/send — emails a receipt: not retried (a repeat sends it twice).
    // The recipient must travel as `toemail`: the API answers success and sends nothing without it.
    async emailReceipt(input: EmailReceiptInput): Promise<void> {
      const body = { toemail: input.toEmail, fromemail: input.fromEmail, template: input.template };
      await http.request({ method: "POST", path: `transactions/${encodeURIComponent(input.transactionKey)}/send`, body: clean(body), schema: statusSchema, idempotent: false, operation: "transactions.send_receipt", signal: input.signal });
    },

    // ---- batches ----

    // GET /api/v2/batches — safe to retry. Newest first.
    async listBatches(filters: BatchFilters = {}): Promise<Page<UsaepayBatch>> {
      const query = {
        ...list(filters.limit, filters.offset),
        openedlt: filters.openedLt, openedgt: filters.openedGt, openedle: filters.openedLe, openedge: filters.openedGe,
        closedlt: filters.closedLt, closedgt: filters.closedGt, closedle: filters.closedLe, closedge: filters.closedGe,
      };
      const { data, rateLimit } = await get("batches", batchList, "batches.list", query, filters.signal);
      return toPage(data, toBatch, rateLimit);
    },

    // GET /api/v2/batches (paged) — safe to retry.
    iterateBatches(opts: IterateOptions = {}): AsyncGenerator<Page<UsaepayBatch>> {
      return pages((limit, offset, signal) => client.listBatches({ limit, offset, signal }), opts);
    },

    // GET /api/v2/batches/{key} or /batches/current — safe to retry.
    async getBatch(key: string | "current", signal?: AbortSignal): Promise<UsaepayBatch> {
      const { data } = await get(`batches/${encodeURIComponent(key)}`, batchSchema, "batches.get", undefined, signal);
      return toBatch(data);
    },

    // GET /api/v2/batches/{key}/transactions — safe to retry.
    async listBatchTransactions(key: string | "current", opts: ListOptions = {}): Promise<Page<UsaepayTransaction>> {
      const { data, rateLimit } = await get(`batches/${encodeURIComponent(key)}/transactions`, transactionList, "batches.transactions", list(opts.limit, opts.offset), opts.signal);
      return toPage(data, toTransaction, rateLimit);
    },

    // GET /api/v2/batches/{key}/transactions (paged) — safe to retry.
    iterateBatchTransactions(key: string | "current", opts: IterateOptions = {}): AsyncGenerator<Page<UsaepayTransaction>> {
      return pages((limit, offset, signal) => client.listBatchTransactions(key, { limit, offset, signal }), opts);
    },

    // POST /api/v2/batches/current/close — settles money: never retried. Answers the batch with
    // status "closing"; its totals come with a later getBatch(key).
    async closeCurrentBatch(signal?: AbortSignal): Promise<UsaepayBatch> {
      const response = await http.request({ method: "POST", path: "batches/current/close", body: [], schema: batchSchema, idempotent: false, operation: "batches.close", signal });
      return toBatch(response.data);
    },

    // ---- customers ----

    // GET /api/v2/customers — safe to retry. Newest first; items omit payment methods.
    async listCustomers(opts: ListOptions = {}): Promise<Page<UsaepayCustomer>> {
      const { data, rateLimit } = await get("customers", customerList, "customers.list", list(opts.limit, opts.offset), opts.signal);
      return toPage(data, toCustomer, rateLimit);
    },

    // GET /api/v2/customers (paged) — safe to retry.
    iterateCustomers(opts: IterateOptions = {}): AsyncGenerator<Page<UsaepayCustomer>> {
      return pages((limit, offset, signal) => client.listCustomers({ limit, offset, signal }), opts);
    },

    // GET /api/v2/customers/{custkey} — safe to retry. Includes masked payment methods.
    async getCustomer(key: string, signal?: AbortSignal): Promise<UsaepayCustomer> {
      const { data } = await get(`customers/${encodeURIComponent(key)}`, customerSchema, "customers.get", undefined, signal);
      return toCustomer(data);
    },

    // POST /api/v2/customers — creates a record: not retried (a retry could duplicate it).
    async createCustomer(input: CustomerInput, signal?: AbortSignal): Promise<UsaepayCustomer> {
      const response = await http.request({ method: "POST", path: "customers", body: clean(customerBody(input)), schema: customerSchema, idempotent: false, operation: "customers.create", signal });
      return toCustomer(response.data);
    },

    // PUT /api/v2/customers/{custkey} — idempotent (same fields, same result): safe to retry.
    async updateCustomer(key: string, input: CustomerInput, signal?: AbortSignal): Promise<UsaepayCustomer> {
      const response = await http.request({ method: "PUT", path: `customers/${encodeURIComponent(key)}`, body: clean(customerBody(input)), schema: customerSchema, idempotent: true, operation: "customers.update", signal });
      return toCustomer(response.data);
    },

    // DELETE /api/v2/customers/{custkey} — not retried (a repeat after success answers "not found").
    async deleteCustomer(key: string, signal?: AbortSignal): Promise<void> {
      await http.request({ method: "DELETE", path: `customers/${encodeURIComponent(key)}`, schema: statusSchema, idempotent: false, operation: "customers.delete", signal });
    },

    // GET /api/v2/customers/{custkey}/transactions — safe to retry.
    async listCustomerTransactions(key: string, opts: ListOptions = {}): Promise<Page<UsaepayTransaction>> {
      const { data, rateLimit } = await get(`customers/${encodeURIComponent(key)}/transactions`, transactionList, "customers.transactions", list(opts.limit, opts.offset), opts.signal);
      return toPage(data, toTransaction, rateLimit);
    },

    // GET /api/v2/customers/{custkey}/payment_methods — safe to retry.
    async listPaymentMethods(customerKey: string, opts: ListOptions = {}): Promise<Page<UsaepayPaymentMethod>> {
      const { data, rateLimit } = await get(`customers/${encodeURIComponent(customerKey)}/payment_methods`, paymentMethodList, "payment_methods.list", list(opts.limit, opts.offset), opts.signal);
      return toPage(data, toPaymentMethod, rateLimit);
    },

    // POST /api/v2/customers/{custkey}/payment_methods — stores a card: not retried.
    async addPaymentMethod(customerKey: string, input: PaymentMethodInput, signal?: AbortSignal): Promise<UsaepayPaymentMethod> {
      const body = input.card
        ? { pay_type: "cc", method_name: input.methodName, default: input.makeDefault, cardholder: input.card.cardholder, number: input.card.number, expiration: input.card.expiration, avs_street: input.card.avsStreet, avs_postalcode: input.card.avsPostalcode }
        : input.check
          ? { pay_type: "check", method_name: input.methodName, default: input.makeDefault, cardholder: input.check.accountholder, routing: input.check.routing, account: input.check.account, account_type: input.check.accountType }
          : undefined;
      if (!body) throw new Error("card or check is required");
      const response = await http.request({ method: "POST", path: `customers/${encodeURIComponent(customerKey)}/payment_methods`, body: clean(body), schema: paymentMethodSchema, idempotent: false, operation: "payment_methods.create", signal });
      return toPaymentMethod(response.data);
    },

    // DELETE /api/v2/customers/{custkey}/payment_methods/{key} — not retried.
    async deletePaymentMethod(customerKey: string, methodKey: string, signal?: AbortSignal): Promise<void> {
      await http.request({ method: "DELETE", path: `customers/${encodeURIComponent(customerKey)}/payment_methods/${encodeURIComponent(methodKey)}`, schema: statusSchema, idempotent: false, operation: "payment_methods.delete", signal });
    },
  };
  return client;
}

function tenderOf(input: SaleInput) {
  if (input.card) return cardBody(input.card);
  if (input.token) return { number: input.token, expiration: "0000" };
  throw new Error("card or token is required");
}

export type UsaepayClient = ReturnType<typeof createUsaepayClient>;
