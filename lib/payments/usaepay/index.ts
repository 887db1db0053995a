import "server-only";

/**
 * USAePay REST v2 client: `createUsaepayClient({ baseUrl, apiKey, pin, fetch?, timeoutMs?, logger?,
 * retry?, onRateLimit? })`. Domain types (money in integer cents) in ./mappers; wire schemas in
 * ./schemas; error mapping and X-Rate-Limit parsing in ./errors; the auth header in ./auth.
 */
export { buildAuthorizationHeader, buildApiHash, hashApiKey, randomSeed } from "./auth";
export {
  createUsaepayClient,
  USAEPAY_SANDBOX_BASE_URL,
  type AddressInput,
  type BatchFilters,
  type CardInput,
  type CheckInput,
  type CheckSaleInput,
  type CustomerInput,
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
