import "server-only";

/**
 * USAePay REST v2 client: `createUsaepayClient({ baseUrl, apiKey, pin, fetch?, timeoutMs?, logger?,
 * retry?, onRateLimit? })`. Domain types (money in integer cents) in ./mappers; wire schemas in
 * ./schemas; error mapping and X-Rate-Limit parsing in ./errors; the auth header in ./auth;
 * webhook signature checks and event parsing in ./webhooks. Facts: docs/usaepay-api.md.
 */
export { buildAuthorizationHeader, buildApiHash, hashApiKey, randomSeed } from "./auth";
export {
  createUsaepayClient,
  STANDARD_RECEIPT_TEMPLATE,
  type AddressInput,
  type AdjustInput,
  type BatchFilters,
  type CardInput,
  type CheckInput,
  type CheckSaleInput,
  type CustomerChargeInput,
  type CustomerInput,
  type EmailReceiptInput,
  type IterateOptions,
  type ListOptions,
  type Page,
  type PaymentMethodInput,
  type ReferenceInput,
  type SaleInput,
  type UsaepayClient,
  type UsaepayClientOptions,
} from "./client";
export { errorInSuccessBody, mapUsaepayError, parseRateLimitHeader, rateLimitFromHeaders, transactionFailure } from "./errors";
export * from "./mappers";
export { centsToWireMoney, wireMoneyToCents } from "./money";
export {
  BATCH_EVENT_TYPES,
  computeWebhookSignature,
  parseWebhookEvent,
  readWebhook,
  TRANSACTION_EVENT_TYPES,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  webhookEnvelopeSchema,
  type UsaepayWebhookEvent,
  type WebhookParseResult,
  type WebhookReadResult,
} from "./webhooks";
