/**
 * Shared HTTP base for the payment gateway clients (USAePay, ClientPay).
 *
 *   const http = createHttpClient({
 *     gateway: "usaepay",
 *     baseUrl: "https://sandbox.usaepay.com/api/v2/",   // must end in "/" (added if missing)
 *     mapError: ({ status, body, headers }) => new GatewayError({...}),  // gateway-specific
 *     headers: () => ({ Authorization: buildAuth() }),   // called per attempt
 *     secrets: [apiKey, pin],                            // scrubbed from logs and error causes
 *     fetch,                                             // injectable: (url, init) => app.request(url, init)
 *     timeoutMs: 20_000,                                 // per attempt, via AbortSignal
 *     retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 4000, maxRetryAfterMs: 10_000 },
 *     logger,                                            // { debug, warn } e.g. lib/logger's pino
 *     onResponse: ({ status, headers }) => {...},        // every response, e.g. rate-limit figures
 *     inspectBody: (body, { status, headers }) => undefined, // optional: error bodies sent with 2xx
 *   });
 *   const { data, status, headers, attempts } = await http.request({
 *     method: "GET", path: "transactions", query: { limit: 1000 }, schema: zodSchema,
 *     idempotent: undefined,   // default: true for GET only; NEVER set true for money movement
 *     acceptStatus: (s) => false, timeoutMs, signal, operation: "transactions.list",
 *     secrets: [requestId],    // optional: more values to redact for this call only
 *   });
 *
 * Behaviour:
 * - 2xx (or `acceptStatus`) bodies are JSON-parsed and validated with `schema`; a non-JSON body or
 *   a schema mismatch throws GatewayError kind "bad_shape".
 * - Other statuses go to `mapError` (it receives the parsed body, or undefined if not JSON).
 * - Network failures and timeouts throw kind "network" (retryable).
 * - A call that is not idempotent is never retried; when it fails in a way that leaves open whether
 *   the upstream acted (timeout or reset after sending, 5xx, an unreadable 2xx), the error has
 *   `outcomeUnknown: true` (`isOutcomeUnknown(e)`), is not retryable, and says so in its message.
 *   Connection refused / DNS failures are not marked: nothing was sent.
 * - Retries happen only when the call is idempotent AND the error is `retryable`, with full-jitter
 *   exponential backoff; a 429 carrying `rateLimit.retryAfterSeconds` waits that long instead, or
 *   gives up at once if it exceeds `maxRetryAfterMs`.
 * - Log lines carry gateway, operation, method, path, status, attempt and timing only; every value
 *   listed in `secrets` (plain, URL- and base64-encoded) and any Authorization value is replaced
 *   with "[redacted]". Error messages are built from the taxonomy, never from upstream bodies.
 */
export {
  GatewayError,
  isGatewayError,
  isOutcomeUnknown,
  OUTCOME_UNKNOWN_MESSAGE,
  withOutcomeUnknown,
  type GatewayErrorKind,
  type RateLimitInfo,
} from "./errors";
export {
  buildUrl,
  createHttpClient,
  defaultSleep,
  type ErrorMapper,
  type FailedResponse,
  type FetchLike,
  type Gateway,
  type HttpClient,
  type HttpClientOptions,
  type HttpLogger,
  type HttpMethod,
  type HttpResponse,
  type QueryValue,
  type RequestSpec,
  type ResponseObserver,
} from "./request";
export { computeBackoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from "./retry";
export { redactSecrets } from "./redact";
export { kindForStatus } from "./status";
