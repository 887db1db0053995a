import "server-only";
import type { z } from "zod";
import { createHttpClient, type FetchLike, type HttpLogger } from "../http/request";
import type { RetryPolicy } from "../http/retry";
import { GatewayError } from "../http/errors";
import { clientpayErrorMapper, CLIENTPAY_CODES, unsuccessfulAnswer, type CredentialKind } from "./errors";
import {
  ALL_PAYMENTS,
  connectPageWire,
  connectSearchWire,
  invoicePageWire,
  lineItemPageWire,
  payerPageWire,
  paymentWire,
  refundWire,
  tokenWire,
  toWireGroup,
  type ConnectPageInput,
  type ConnectSearchInput,
  type InvoicePageInput,
  type LineItemPageInput,
  type NewPaymentMethodInput,
  type PayerInput,
  type PayerPageInput,
  type PaymentInput,
  type PaymentMethodUpdateInput,
  type PaymentSearchPage,
  type RefundInput,
  type SearchGroup,
  type TokenExtras,
} from "./requests";
import {
  accessIdResponse,
  acknowledgementResponse,
  connectSearchResponse,
  countResponse,
  customerAccessIdResponse,
  payerIdResponse,
  payerPageResponse,
  paymentMethodsResponse,
  paymentPageResponse,
  paymentResponse,
  refundResponse,
  requestIdResponse,
  searchResultsResponse,
  validityResponse,
  type ClientpayPayment,
} from "./schemas";

/**
 * Typed ClientPay v2 client on the shared HTTP base (lib/payments/http).
 *
 * Credentials: key/PIN calls (New/Current Access ID, Validate Credentials) use the account
 * credentials given here; everything else runs on an accessId that the caller passes in via
 * `withAccessId(id)` (the app keeps it sealed and opens it just before a call). Every call that
 * needs a request id fetches a fresh one first and never reuses it.
 *
 * Retries: only calls that change nothing (or whose repeat is harmless) are retried; New
 * Access ID, Expire Access ID, pages, payer changes, Payment and Refund/Void never are.
 */

export interface ClientpayClientOptions {
  /** e.g. "http://127.0.0.1:4020/v2/" or "https://api.clientpay.com/v2/" (include /v2/). */
  baseUrl: string;
  integratorKey: string;
  accountKey: string;
  accountPin: string;
  /** Only for New Customer Access ID. */
  customerKey?: string;
  customerPin?: string;
  fetch?: FetchLike;
  /** Per attempt; default 20 s (the shared base's default). */
  timeoutMs?: number;
  logger?: HttpLogger;
  retry?: Partial<RetryPolicy>;
  /** Test seams passed to the shared base. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

interface CallSpec<Schema extends z.ZodType> {
  operation: string;
  path: string;
  body?: unknown;
  schema: Schema;
  idempotent: boolean;
  credential: CredentialKind;
  headers?: Record<string, string>;
  /** Per-call secrets (the accessId, the request id) scrubbed from logs and errors. */
  secrets?: string[];
  /** Payment answers a decline with 200 and success:false; that is a result, not an error. */
  allowUnsuccessful?: boolean;
}

export interface PaymentSearchResults {
  payments: ClientpayPayment[];
  pageNumber: number;
  pageSize: number;
}

export const MAX_SEARCH_PAGE_SIZE = 100;

export function createClientpayClient(options: ClientpayClientOptions) {
  const staticSecrets = [options.integratorKey, options.accountKey, options.accountPin, options.customerKey ?? "", options.customerPin ?? ""];
  const credentials = {
    integratorKey: options.integratorKey,
    accountKey: options.accountKey,
    accountPin: options.accountPin,
  };

  async function call<Schema extends z.ZodType<{ success?: boolean }>>(spec: CallSpec<Schema>): Promise<z.output<Schema>> {
    const secrets = [...staticSecrets, ...(spec.secrets ?? [])].filter(Boolean);
    // One small HTTP client per call: the headers and the secrets to scrub differ per call.
    const http = createHttpClient({
      gateway: "clientpay",
      baseUrl: options.baseUrl,
      mapError: clientpayErrorMapper(spec.credential, secrets),
      headers: () => spec.headers ?? {},
      secrets,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      logger: options.logger,
      sleep: options.sleep,
      random: options.random,
    });
    const { data, status } = await http.request({
      method: "POST",
      path: spec.path,
      body: spec.body ?? {},
      schema: spec.schema,
      idempotent: spec.idempotent,
      operation: spec.operation,
    });
    if (data.success === false && !spec.allowUnsuccessful) throw unsuccessfulAnswer(status);
    return data;
  }

  // ---- credential calls -------------------------------------------------------------------

  // POST /v2/token/accessid — NOT retried: a second attempt would expire the id the first one issued.
  async function newAccessId(): Promise<string> {
    const data = await call({
      operation: "token.newAccessId",
      path: "token/accessid",
      body: credentials,
      schema: accessIdResponse,
      idempotent: false,
      credential: "credentials",
    });
    return data.value;
  }

  // POST /v2/token/accessid/current — safe to retry (changes nothing). Null when no id is active.
  async function currentAccessId(): Promise<string | null> {
    try {
      const data = await call({
        operation: "token.currentAccessId",
        path: "token/accessid/current",
        body: credentials,
        schema: accessIdResponse,
        idempotent: true,
        credential: "credentials",
      });
      return data.value;
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") return null;
      throw error;
    }
  }

  // POST /v2/token/credentials/validate — safe to retry. The v2 path is our interpretation (see README).
  async function validateCredentials(): Promise<boolean> {
    const data = await call({
      operation: "token.validateCredentials",
      path: "token/credentials/validate",
      body: credentials,
      schema: validityResponse,
      idempotent: true,
      credential: "credentials",
    });
    return data.isValid;
  }

  // POST /v2/token/customeraccessid — NOT retried: like New Access ID it replaces the previous id.
  async function newCustomerAccessId(): Promise<string> {
    if (!options.customerKey || !options.customerPin) {
      throw new GatewayError({
        gateway: "clientpay",
        kind: "validation",
        userMessage: "This account has no ClientPay customer key and PIN configured.",
      });
    }
    const data = await call({
      operation: "token.newCustomerAccessId",
      path: "token/customeraccessid",
      body: { integratorKey: options.integratorKey, customerKey: options.customerKey, customerPin: options.customerPin },
      schema: customerAccessIdResponse,
      idempotent: false,
      credential: "credentials",
    });
    return data.value;
  }

  // ---- access-id calls ----------------------------------------------------------------------

  function withAccessId(accessId: string) {
    const accessCall = <Schema extends z.ZodType<{ success?: boolean }>>(
      spec: Omit<CallSpec<Schema>, "credential" | "headers">,
    ) =>
      call({ ...spec, credential: "accessId", headers: { accessId }, secrets: [accessId, ...(spec.secrets ?? [])] });

    // POST /v2/token/requestid — safe to retry: an unused request id is simply never presented.
    async function generateRequestId(): Promise<string> {
      const data = await call({
        operation: "token.generateRequestId",
        path: "token/requestid",
        schema: requestIdResponse,
        idempotent: true,
        credential: "accessId",
        headers: { Authorization: accessId },
        secrets: [accessId],
      });
      return data.value;
    }

    /** Fetches a fresh request id and sends one call with it; never retried (spec 10.4). */
    async function withRequestId<Schema extends z.ZodType<{ success?: boolean }>>(
      operation: string,
      path: string,
      schema: Schema,
      build: (requestId: string) => unknown,
      allowUnsuccessful = false,
    ): Promise<z.output<Schema>> {
      const requestId = await generateRequestId();
      return accessCall({ operation, path, schema, body: build(requestId), idempotent: false, secrets: [requestId], allowUnsuccessful });
    }

    const session = {
      generateRequestId,

      // POST /v2/token/accessid/validate — safe to retry. False means expired, replaced or unknown.
      async validate(): Promise<boolean> {
        const data = await accessCall({ operation: "token.validateAccessId", path: "token/accessid/validate", schema: validityResponse, idempotent: true });
        return data.isValid;
      },

      // POST /v2/token/accessid/expire — NOT retried automatically (the brief's rule; harmless to repeat by hand).
      async expire(): Promise<void> {
        await accessCall({ operation: "token.expireAccessId", path: "token/accessid/expire", schema: acknowledgementResponse, idempotent: false });
      },

      // POST /v2/paymentpage/invoice — NOT retried (each attempt needs a new request id and makes a new page).
      createInvoicePaymentPage: (input: InvoicePageInput) =>
        withRequestId("page.invoice", "paymentpage/invoice", paymentPageResponse, (id) => invoicePageWire(id, input)),

      // POST /v2/paymentpage/lineitem — NOT retried.
      createLineItemPaymentPage: (input: LineItemPageInput) =>
        withRequestId("page.lineItem", "paymentpage/lineitem", paymentPageResponse, (id) => lineItemPageWire(id, input)),

      // POST /v2/connect/paymentpage — NOT retried.
      createConnectPaymentPage: (input: ConnectPageInput) =>
        withRequestId("page.connect", "connect/paymentpage", paymentPageResponse, (id) => connectPageWire(id, input)),

      // POST /v2/payer/payerpage — NOT retried.
      createPayerPage: (input: PayerPageInput = {}) =>
        withRequestId("page.payer", "payer/payerpage", payerPageResponse, (id) => payerPageWire(id, input)),

      // POST /v2/expirepage — safe to retry: expiring an expired page changes nothing. Takes the page's requestId.
      async expirePage(pageRequestId: string): Promise<void> {
        await accessCall({
          operation: "page.expire",
          path: "expirepage",
          body: { requestId: pageRequestId },
          schema: acknowledgementResponse,
          idempotent: true,
        });
      },

      // POST /v2/payment — NEVER retried (money movement). A decline returns paymentStatus "Declined", not an error.
      async makePayment(input: PaymentInput): Promise<{ approved: boolean; payment: ClientpayPayment }> {
        const data = await withRequestId("payment.create", "payment", paymentResponse, (id) => paymentWire(id, input), true);
        const approved = data.payment.paymentStatus === "Approved" && data.success !== false;
        return { approved, payment: data.payment };
      },

      // POST /v2/payment/refund — NEVER retried (money movement). Voids before settlement, refunds after.
      refundOrVoid: (input: RefundInput) =>
        withRequestId("payment.refundOrVoid", "payment/refund", refundResponse, (id) => refundWire(id, input)),

      // POST /v2/payer — NOT retried (a repeat would create a second payer).
      async createPayer(payer: PayerInput, extras: TokenExtras = {}): Promise<string> {
        const data = await withRequestId("payer.create", "payer", payerIdResponse, (id) => ({ token: tokenWire(id, extras), payer }));
        return data.payerId;
      },

      // POST /v2/payer/update — NOT retried (needs a fresh request id; callers may repeat it deliberately).
      async updatePayer(payerId: string, payer: PayerInput): Promise<void> {
        await withRequestId("payer.update", "payer/update", payerIdResponse, (id) => ({ token: { requestId: id }, payerId, payer }));
      },

      // POST /v2/payer/delete — NOT retried.
      async deletePayer(payerId: string): Promise<void> {
        await withRequestId("payer.delete", "payer/delete", payerIdResponse, (id) => ({ token: { requestId: id }, payerId }));
      },

      // POST /v2/payer/paymentmethods — NOT retried (a repeat would save the methods twice).
      async addPaymentMethods(payerId: string, paymentMethods: NewPaymentMethodInput[]) {
        const data = await withRequestId("paymentMethod.create", "payer/paymentmethods", paymentMethodsResponse, (id) => ({
          token: { requestId: id },
          payerId,
          paymentMethods,
        }));
        return data.paymentMethods;
      },

      // POST /v2/payer/paymentmethods/update — NOT retried.
      async updatePaymentMethods(paymentMethods: PaymentMethodUpdateInput[]) {
        const data = await withRequestId("paymentMethod.update", "payer/paymentmethods/update", paymentMethodsResponse, (id) => ({
          token: { requestId: id },
          paymentMethods,
        }));
        return data.paymentMethods;
      },

      // POST /v2/paymentsearch/count — safe to retry (a read).
      async countPayments(filter: SearchGroup = ALL_PAYMENTS): Promise<number> {
        const data = await accessCall({
          operation: "paymentSearch.count",
          path: "paymentsearch/count",
          body: { group: toWireGroup(filter) },
          schema: countResponse,
          idempotent: true,
        });
        return data.count;
      },

      // POST /v2/paymentsearch/results — safe to retry (a read). pageSize is capped at 100.
      async searchPayments(page: PaymentSearchPage = {}): Promise<PaymentSearchResults> {
        const pageNumber = Math.max(1, Math.floor(page.pageNumber ?? 1));
        const pageSize = Math.min(MAX_SEARCH_PAGE_SIZE, Math.max(1, Math.floor(page.pageSize ?? MAX_SEARCH_PAGE_SIZE)));
        const data = await accessCall({
          operation: "paymentSearch.results",
          path: "paymentsearch/results",
          body: { group: toWireGroup(page.filter ?? ALL_PAYMENTS), orderBy: page.orderBy ?? ["paymentDate"], pageNumber, pageSize },
          schema: searchResultsResponse,
          idempotent: true,
        });
        return { payments: data.payments, pageNumber, pageSize };
      },

      /**
       * Every matching payment, page by page (POST /v2/paymentsearch/results, retried like a read).
       * Stops at the first short page, so it needs no Count call.
       */
      async *iteratePayments(options: { filter?: SearchGroup; pageSize?: number } = {}): AsyncGenerator<ClientpayPayment> {
        const pageSize = Math.min(MAX_SEARCH_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_SEARCH_PAGE_SIZE));
        for (let pageNumber = 1; ; pageNumber += 1) {
          const page = await session.searchPayments({ filter: options.filter, orderBy: ["paymentId"], pageNumber, pageSize });
          yield* page.payments;
          if (page.payments.length < pageSize) return;
        }
      },

      // POST /v2/connect/search — safe to retry (a read). Also accepts a customerAccessId.
      async searchConnect(input: ConnectSearchInput) {
        const data = await accessCall({
          operation: "connect.search",
          path: "connect/search",
          body: connectSearchWire(input),
          schema: connectSearchResponse,
          idempotent: true,
        });
        return data.invoices;
      },
    };
    return session;
  }

  return {
    newAccessId,
    currentAccessId,
    validateCredentials,
    newCustomerAccessId,
    withAccessId,
    // Per-call forms of the token calls, for callers that do not bind a session.
    validateAccessId: (accessId: string) => withAccessId(accessId).validate(),
    expireAccessId: (accessId: string) => withAccessId(accessId).expire(),
    generateRequestId: (accessId: string) => withAccessId(accessId).generateRequestId(),
  };
}

export type ClientpayClient = ReturnType<typeof createClientpayClient>;
export type ClientpaySession = ReturnType<ClientpayClient["withAccessId"]>;
export { CLIENTPAY_CODES };
