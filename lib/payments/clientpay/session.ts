import "server-only";
import type { z } from "zod";
import { GatewayError } from "../http/errors";
import type { CallSpec, ClientpayCall } from "./call";
import { ClientpayRequestId, type TokenCallOptions } from "./request-id";
import {
  connectPageWire,
  connectSearchWire,
  invoicePageWire,
  lineItemPageWire,
  payerPageWire,
  paymentWire,
  refundWire,
  tokenWire,
  type ConnectPageInput,
  type ConnectSearchInput,
  type InvoicePageInput,
  type LineItemPageInput,
  type NewPaymentMethodInput,
  type PayerInput,
  type PayerPageInput,
  type PaymentInput,
  type PaymentMethodUpdateInput,
  type RefundInput,
  type TokenExtras,
} from "./requests";
import {
  acknowledgementResponse,
  connectSearchResponse,
  countResponse,
  payerIdResponse,
  payerPageResponse,
  payerResponse,
  paymentMethodsResponse,
  paymentPageResponse,
  paymentResponse,
  refundResponse,
  requestIdResponse,
  searchResultsResponse,
  validityResponse,
  type ClientpayPayer,
  type ClientpayPayment,
} from "./schemas";
import { ALL_PAYMENTS, paymentFilter, toWireGroup, type PaymentSearchPage, type SearchGroup } from "./search";

/**
 * The calls made on one accessId (docs/clientpay-api.md). Each method names its endpoint and
 * whether it is retried. Every call that needs a request ID fetches a fresh one from Generate
 * Request ID just before it, tells `options.onRequestId` (awaited, before sending), and
 * presents it once: token calls are never retried, so no request ID is ever sent twice.
 */

export interface PaymentSearchResults {
  payments: ClientpayPayment[];
  pageNumber: number;
  pageSize: number;
}

export const MAX_SEARCH_PAGE_SIZE = 100;

const notFoundAsNull = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (error) {
    if (error instanceof GatewayError && error.kind === "not_found") return null;
    throw error;
  }
};

export function createSession(call: ClientpayCall, accessId: string) {
  const accessCall = <Schema extends z.ZodType<{ success?: boolean }>>(spec: Omit<CallSpec<Schema>, "credential" | "headers">) =>
    call({ ...spec, credential: "accessId", headers: { accessId }, secrets: [accessId, ...(spec.secrets ?? [])] });

  // POST /v2/token/requestid — safe to retry: an unused request id is simply never presented.
  async function generateRequestId(): Promise<ClientpayRequestId> {
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

  /** A fresh request id, announced to the caller, then one call with it; never retried. */
  async function withRequestId<Schema extends z.ZodType<{ success?: boolean }>>(
    operation: string,
    path: string,
    schema: Schema,
    build: (requestId: string) => unknown,
    options: TokenCallOptions = {},
    allowUnsuccessful = false,
  ): Promise<z.output<Schema>> {
    const requestId = await generateRequestId();
    await options.onRequestId?.(requestId);
    const raw = requestId.reveal();
    return accessCall({ operation, path, schema, body: build(raw), idempotent: false, secrets: [raw], allowUnsuccessful });
  }

  const session = {
    generateRequestId,

    // POST /v2/token/accessid/validate — safe to retry. False means expired, replaced or unknown.
    async validate(): Promise<boolean> {
      const data = await accessCall({ operation: "token.validateAccessId", path: "token/accessid/validate", schema: validityResponse, idempotent: true });
      return data.isValid;
    },

    // POST /v2/token/accessid/expire — NOT retried automatically (harmless to repeat by hand).
    async expire(): Promise<void> {
      await accessCall({ operation: "token.expireAccessId", path: "token/accessid/expire", schema: acknowledgementResponse, idempotent: false });
    },

    // ---- pages (each creation is a new page: NEVER retried) ------------------------------------

    // POST /v2/paymentpage/invoice — NOT retried. The answer's requestId is the page's id (it is in its URL).
    createInvoicePaymentPage: (input: InvoicePageInput, options?: TokenCallOptions) =>
      withRequestId("page.invoice", "paymentpage/invoice", paymentPageResponse, (id) => invoicePageWire(id, input), options),

    // POST /v2/paymentpage/lineitem — NOT retried.
    createLineItemPaymentPage: (input: LineItemPageInput, options?: TokenCallOptions) =>
      withRequestId("page.lineItem", "paymentpage/lineitem", paymentPageResponse, (id) => lineItemPageWire(id, input), options),

    // POST /v2/connect/paymentpage — NOT retried.
    createConnectPaymentPage: (input: ConnectPageInput, options?: TokenCallOptions) =>
      withRequestId("page.connect", "connect/paymentpage", paymentPageResponse, (id) => connectPageWire(id, input), options),

    // POST /v2/payer/payerpage — NOT retried.
    createPayerPage: (input: PayerPageInput = {}, options?: TokenCallOptions) =>
      withRequestId("page.payer", "payer/payerpage", payerPageResponse, (id) => payerPageWire(id, input), options),

    // POST /v2/expirepage — safe to retry: expiring an expired page changes nothing. Takes the page's requestId.
    async expirePage(pageRequestId: string): Promise<void> {
      await accessCall({ operation: "page.expire", path: "expirepage", body: { requestId: pageRequestId }, schema: acknowledgementResponse, idempotent: true });
    },

    // ---- money -----------------------------------------------------------------------------------

    // POST /v2/payment — NEVER retried (money movement). A decline is a result ({approved: false}), not an error.
    async makePayment(input: PaymentInput, options?: TokenCallOptions): Promise<{ approved: boolean; payment: ClientpayPayment }> {
      const data = await withRequestId("payment.create", "payment", paymentResponse, (id) => paymentWire(id, input), options, true);
      const approved = data.payment.paymentStatus === "Approved" && data.success !== false;
      return { approved, payment: data.payment };
    },

    // POST /v2/payment/refund — NEVER retried (money movement). Voids before settlement, refunds after.
    refundOrVoid: (input: RefundInput, options?: TokenCallOptions) =>
      withRequestId("payment.refundOrVoid", "payment/refund", refundResponse, (id) => refundWire(id, input), options),

    // ---- payers (writes: NOT retried, a repeat would act twice) -----------------------------------

    // POST /v2/payer
    async createPayer(payer: PayerInput, extras: TokenExtras = {}, options?: TokenCallOptions): Promise<string> {
      const data = await withRequestId("payer.create", "payer", payerIdResponse, (id) => ({ token: tokenWire(id, extras), payer }), options);
      return data.payerId;
    },

    // POST /v2/payer/update
    async updatePayer(payerId: string, payer: PayerInput, options?: TokenCallOptions): Promise<void> {
      await withRequestId("payer.update", "payer/update", payerIdResponse, (id) => ({ token: { requestId: id }, payerId, payer }), options);
    },

    // POST /v2/payer/delete
    async deletePayer(payerId: string, options?: TokenCallOptions): Promise<void> {
      await withRequestId("payer.delete", "payer/delete", payerIdResponse, (id) => ({ token: { requestId: id }, payerId }), options);
    },

    // POST /v2/payer/paymentmethods
    async addPaymentMethods(payerId: string, paymentMethods: NewPaymentMethodInput[], options?: TokenCallOptions) {
      const data = await withRequestId("paymentMethod.create", "payer/paymentmethods", paymentMethodsResponse, (id) => ({ token: { requestId: id }, payerId, paymentMethods }), options);
      return data.paymentMethods;
    },

    // POST /v2/payer/paymentmethods/update
    async updatePaymentMethods(paymentMethods: PaymentMethodUpdateInput[], options?: TokenCallOptions) {
      const data = await withRequestId("paymentMethod.update", "payer/paymentmethods/update", paymentMethodsResponse, (id) => ({ token: { requestId: id }, paymentMethods }), options);
      return data.paymentMethods;
    },

    // POST /v2/payer/get — safe to retry (a read). OUR EXTENSION: ClientPay documents no payer read; null when unknown.
    getPayer: (payerId: string): Promise<ClientpayPayer | null> =>
      notFoundAsNull(
        accessCall({ operation: "payer.get", path: "payer/get", body: { payerId }, schema: payerResponse, idempotent: true }).then((data) => data.payer),
      ),

    // ---- search (reads: retried) -------------------------------------------------------------------

    // POST /v2/paymentsearch/count — safe to retry (a read).
    async countPayments(filter: SearchGroup = ALL_PAYMENTS): Promise<number> {
      const data = await accessCall({ operation: "paymentSearch.count", path: "paymentsearch/count", body: { group: toWireGroup(filter) }, schema: countResponse, idempotent: true });
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

    /**
     * Reconciles an unknown outcome (POST /v2/paymentsearch/results by RequestId, a read): the
     * payments made under that request ID — a direct payment, a page's attempts (declines and
     * the approval), or the payment a refund/void with that ID reversed (see `refunds`).
     * Empty: ClientPay has nothing under it, so the call did not take effect.
     */
    async findPaymentsByRequestId(requestId: ClientpayRequestId | string): Promise<ClientpayPayment[]> {
      const found: ClientpayPayment[] = [];
      for await (const payment of session.iteratePayments({ filter: paymentFilter({ requestId }) })) found.push(payment);
      return found;
    },

    /** One payment by its id (a search by PaymentId, a read); null when there is none. */
    async getPayment(paymentId: string): Promise<ClientpayPayment | null> {
      const { payments } = await session.searchPayments({ filter: paymentFilter({ paymentId }), pageSize: 1 });
      return payments[0] ?? null;
    },

    // POST /v2/connect/search — safe to retry (a read). Also accepts a customerAccessId.
    async searchConnect(input: ConnectSearchInput) {
      const data = await accessCall({ operation: "connect.search", path: "connect/search", body: connectSearchWire(input), schema: connectSearchResponse, idempotent: true });
      return data.invoices;
    },
  };
  return session;
}

export type ClientpaySession = ReturnType<typeof createSession>;
