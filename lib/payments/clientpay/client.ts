import "server-only";
import { GatewayError } from "../http/errors";
import { createCall, type ClientpayClientOptions } from "./call";
import { CLIENTPAY_CODES } from "./errors";
import { accessIdResponse, customerAccessIdResponse, validityResponse } from "./schemas";
import { createSession } from "./session";

/**
 * Typed ClientPay v2 client on the shared HTTP base (lib/payments/http); the facts it relies on
 * are in docs/clientpay-api.md.
 *
 * Credentials: key/PIN calls (New/Current Access ID, Validate Credentials) use the account
 * credentials given here; everything else runs on an accessId that the caller passes in via
 * `withAccessId(id)` (the app keeps it sealed and opens it just before a call). Every call that
 * needs a request id fetches a fresh one first and never reuses it (session.ts).
 *
 * Retries: only calls that change nothing (or whose repeat is harmless) are retried; New
 * Access ID, Expire Access ID, pages, payer changes, Payment and Refund/Void never are, and
 * when one of those fails without a clear answer the error is `outcomeUnknown`.
 */

export function createClientpayClient(options: ClientpayClientOptions) {
  const call = createCall(options);
  const credentials = {
    integratorKey: options.integratorKey,
    accountKey: options.accountKey,
    accountPin: options.accountPin,
  };

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

  const withAccessId = (accessId: string) => createSession(call, accessId);

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
export type { ClientpayClientOptions } from "./call";
export type { ClientpaySession, PaymentSearchResults } from "./session";
export { MAX_SEARCH_PAGE_SIZE } from "./session";
export { CLIENTPAY_CODES };
