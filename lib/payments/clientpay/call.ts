import "server-only";
import type { z } from "zod";
import { createHttpClient, type FetchLike, type HttpLogger } from "../http/request";
import type { RetryPolicy } from "../http/retry";
import { clientpayErrorMapper, unsuccessfulAnswer, type CredentialKind } from "./errors";

/** One ClientPay call on the shared HTTP base (lib/payments/http): the piece every method uses. */

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

export interface CallSpec<Schema extends z.ZodType> {
  operation: string;
  path: string;
  body?: unknown;
  schema: Schema;
  /**
   * Safe to send twice? Only then is it retried. A call that is not idempotent is sent once,
   * and a failure that leaves its effect open is marked outcomeUnknown by the shared base.
   */
  idempotent: boolean;
  credential: CredentialKind;
  headers?: Record<string, string>;
  /** Per-call secrets (the accessId, the request id) scrubbed from logs and errors. */
  secrets?: string[];
  /** Payment answers a decline with 200 and success:false; that is a result, not an error. */
  allowUnsuccessful?: boolean;
}

export type ClientpayCall = <Schema extends z.ZodType<{ success?: boolean }>>(spec: CallSpec<Schema>) => Promise<z.output<Schema>>;

export function createCall(options: ClientpayClientOptions): ClientpayCall {
  const staticSecrets = [options.integratorKey, options.accountKey, options.accountPin, options.customerKey ?? "", options.customerPin ?? ""];
  return async (spec) => {
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
  };
}
