export { createClientpayClient, MAX_SEARCH_PAGE_SIZE, type ClientpayClient, type ClientpayClientOptions, type ClientpaySession, type PaymentSearchResults } from "./client";
export { CLIENTPAY_CODES, isAccessIdRejected, isCredentialsRejected, paymentFailure } from "./errors";
export { isOutcomeUnknown, OUTCOME_UNKNOWN_MESSAGE } from "../http/errors";
export { ClientpayRequestId, requestIdFingerprint, type RequestIdListener, type TokenCallOptions } from "./request-id";
export type * from "./requests";
export { CONNECT_OPTIONS } from "./requests";
export type * from "./search";
export { ALL_PAYMENTS, DOCUMENTED_SEARCH_FIELDS, paymentFilter, toWireGroup, usesOnlyDocumentedFields } from "./search";
export type { ClientpayConnectInvoice, ClientpayPayer, ClientpayPayment } from "./schemas";
