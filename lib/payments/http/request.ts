import "server-only";
import type { z } from "zod";
import { GatewayError } from "./errors";
import { redactSecrets } from "./redact";
import { computeBackoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";

export type Gateway = "usaepay" | "clientpay";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** `fetch`, or an in-process handler such as Hono's `app.request` (which may answer synchronously). */
export type FetchLike = (input: string, init: RequestInit) => Response | Promise<Response>;

/** The minimal logger surface we use; a pino logger satisfies it. */
export interface HttpLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** What the gateway-specific mapper sees about a response that was not accepted. */
export interface FailedResponse {
  status: number;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
  headers: Headers;
}

/** Turns a non-accepted response into the shared taxonomy. Must never put secrets in messages. */
export type ErrorMapper = (failure: FailedResponse) => GatewayError;

/** Seen after every response (accepted or not): lets a gateway surface rate-limit figures. */
export type ResponseObserver = (info: { status: number; headers: Headers }) => void;

export interface HttpClientOptions {
  gateway: Gateway;
  /** Absolute base URL ending in "/"; request paths are resolved against it. */
  baseUrl: string;
  mapError: ErrorMapper;
  /** Headers for each attempt (called again on every retry, e.g. for a fresh auth seed). */
  headers?: () => Record<string, string>;
  /** Values that must never appear in a log line or error (keys, PINs, access ids ...). */
  secrets?: readonly string[];
  fetch?: FetchLike;
  /** Per-attempt timeout; default 20 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: HttpLogger;
  onResponse?: ResponseObserver;
  /**
   * Looks at an accepted (2xx) JSON body before schema validation; returning an error throws it.
   * For gateways that sometimes report API errors with a success status.
   */
  inspectBody?: (body: unknown, response: { status: number; headers: Headers }) => GatewayError | undefined;
  /** Test seams: how to wait and where randomness comes from. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestSpec<Schema extends z.ZodType> {
  method: HttpMethod;
  /** Relative to baseUrl, without a leading slash: "transactions", "customers/abc". */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON-serialised when present. */
  body?: unknown;
  schema: Schema;
  /**
   * May the request be sent twice? Defaults to true for GET only. Money-moving calls
   * (sale, refund, void, capture) must leave this false: a timeout there is ambiguous and
   * a second attempt could charge twice.
   */
  idempotent?: boolean;
  /** Non-2xx statuses whose body is still a valid answer for `schema`. */
  acceptStatus?: (status: number) => boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A short name for logs, e.g. "transactions.list". */
  operation?: string;
  /** Extra values to redact for this call only (e.g. a per-request id sent in a header). */
  secrets?: readonly string[];
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  attempts: number;
}

export interface HttpClient {
  request<Schema extends z.ZodType>(spec: RequestSpec<Schema>): Promise<HttpResponse<z.output<Schema>>>;
  readonly gateway: Gateway;
}

const DEFAULT_TIMEOUT_MS = 20_000;

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(path.replace(/^\/+/, ""), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(name, String(value));
  }
  return url.toString();
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const clientSecrets = options.secrets ?? [];

  async function attemptOnce<Schema extends z.ZodType>(
    spec: RequestSpec<Schema>,
    url: string,
    scrub: (text: string) => string,
    idempotent: boolean,
  ): Promise<{ data: z.output<Schema>; status: number; headers: Headers }> {
    const timeoutMs = spec.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers?.() };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["Content-Type"] = "application/json";
    }

    let response: Response | undefined;
    let text: string;
    try {
      // Race the abort ourselves too: an injected fetch (e.g. an in-process app) may ignore the signal.
      const aborted = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
      response = await Promise.race([Promise.resolve(fetchImpl(url, { method: spec.method, headers, body, signal })), aborted]);
      text = await Promise.race([response.text(), aborted]);
    } catch (cause) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const timedOut = timeout.aborted;
      // Only a failure that proves the request never left (refused, DNS, TLS) rules out an effect upstream.
      const maybeSent = timedOut || response !== undefined || !failedBeforeSending(cause);
      const outcomeUnknown = !idempotent && maybeSent;
      throw new GatewayError({
        gateway: options.gateway,
        kind: "network",
        // A write that may have been acted on gets the "outcome unknown" message instead.
        userMessage: outcomeUnknown ? undefined : timedOut ? "The payment service did not answer in time." : "The payment service could not be reached.",
        cause: timedOut ? new Error(`timed out after ${timeoutMs} ms`) : scrubCause(cause, scrub),
        outcomeUnknown,
      });
    }

    options.onResponse?.({ status: response.status, headers: response.headers });
    const parsed = parseJson(text);
    const accepted = response.ok || (spec.acceptStatus?.(response.status) ?? false);
    if (!accepted) {
      const mapped = options.mapError({ status: response.status, body: parsed.ok ? parsed.value : undefined, headers: response.headers });
      // A 5xx (or a proxy's 408) says nothing about whether the upstream acted before failing.
      const inconclusive = response.status >= 500 || response.status === 408;
      throw !idempotent && inconclusive ? mapped.asOutcomeUnknown() : mapped;
    }
    // From here on the upstream answered "done" in a way we cannot read: for a write, it happened.
    if (!parsed.ok) {
      throw new GatewayError({ gateway: options.gateway, kind: "bad_shape", status: response.status, outcomeUnknown: !idempotent });
    }
    const inspected = options.inspectBody?.(parsed.value, { status: response.status, headers: response.headers });
    if (inspected) throw inspected;
    const result = spec.schema.safeParse(parsed.value);
    if (!result.success) {
      const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
      throw new GatewayError({
        gateway: options.gateway,
        kind: "bad_shape",
        status: response.status,
        cause: new Error(scrub(`response did not match the wire schema: ${issues.join("; ")}`)),
        outcomeUnknown: !idempotent,
      });
    }
    return { data: result.data, status: response.status, headers: response.headers };
  }

  async function request<Schema extends z.ZodType>(spec: RequestSpec<Schema>): Promise<HttpResponse<z.output<Schema>>> {
    const url = buildUrl(options.baseUrl, spec.path, spec.query);
    const secrets = spec.secrets ? [...clientSecrets, ...spec.secrets] : clientSecrets;
    const scrub = (text: string) => redactSecrets(text, secrets);
    const idempotent = spec.idempotent ?? spec.method === "GET";
    const operation = spec.operation ?? `${spec.method} ${spec.path}`;
    const logContext = { gateway: options.gateway, operation: scrub(operation), method: spec.method, path: scrub(spec.path) };
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      try {
        const result = await attemptOnce(spec, url, scrub, idempotent);
        options.logger?.debug({ ...logContext, attempt, status: result.status, ms: Date.now() - started }, "gateway call");
        return { ...result, attempts: attempt };
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        const mayRetry = idempotent && attempt < policy.maxAttempts && error.retryable;
        const delayMs = mayRetry ? computeBackoffMs(policy, attempt, error.rateLimit, random) : undefined;
        options.logger?.warn(
          { ...logContext, attempt, kind: error.kind, status: error.status, code: error.upstreamCode, outcomeUnknown: error.outcomeUnknown, ms: Date.now() - started, retryInMs: delayMs ?? null },
          "gateway call failed",
        );
        if (delayMs === undefined) throw error;
        await sleep(delayMs, spec.signal);
      }
    }
  }

  return { request, gateway: options.gateway };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * System error codes that mean no byte of the request reached the server: the connection was
 * refused or never opened, the name did not resolve, or TLS failed before any request was written.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "UND_ERR_CONNECT_TIMEOUT", "ERR_INVALID_URL",
  "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** fetch wraps the socket error as `TypeError("fetch failed", { cause })`, sometimes around an AggregateError. */
function failedBeforeSending(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => failedBeforeSending(inner, depth + 1))) return true;
  return failedBeforeSending(cause, depth + 1);
}

/** Keep the error's class and a scrubbed message; drop anything else (request objects can hold headers). */
function scrubCause(cause: unknown, scrub: (text: string) => string): Error {
  if (cause instanceof Error) {
    const copy = new Error(scrub(cause.message));
    copy.name = cause.name;
    return copy;
  }
  return new Error(scrub(String(cause)));
}
