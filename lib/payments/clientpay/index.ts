import "server-only";
export { createClientpayClient, MAX_SEARCH_PAGE_SIZE, type ClientpayClient, type ClientpayClientOptions, type ClientpaySession, type PaymentSearchResults } from "./client";
export { CLIENTPAY_CODES, isAccessIdRejected, isCredentialsRejected, paymentFailure } from "./errors";
export type * from "./requests";
export { ALL_PAYMENTS, CONNECT_OPTIONS } from "./requests";
export type { ClientpayConnectInvoice, ClientpayPayment } from "./schemas";
