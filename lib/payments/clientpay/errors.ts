import "server-only";
import { GatewayError, isGatewayError } from "../http/errors";
import type { ErrorMapper } from "../http/request";
import { kindForStatus } from "../http/status";
import { parseRetryAfter } from "../http/retry";
import { redactSecrets } from "../http/redact";
import { errorBody } from "./schemas";

/**
 * ClientPay failures in the shared taxonomy. ClientPay documents no error codes, so the
 * `upstreamCode` values below are ours; they tell callers *which* credential failed:
 *
 * - `access_id_rejected`  (kind "authentication", HTTP 401 on a call that carried an accessId):
 *   the stored accessId was expired or replaced (or never existed). ClientPay does not say
 *   which, so callers treat all three alike: recover via Current Access ID or issue a new one.
 * - `credentials_rejected` (kind "authentication", HTTP 401 on a key/PIN call): the integrator
 *   key, account key or PIN is wrong. No access id can be had until they are fixed.
 * - `request_rejected`    (kind "validation", HTTP 400): the body was refused (a field, or the
 *   request id was reused/unknown; the client never reuses one).
 * - `not_found`            (kind "not_found", HTTP 404).
 * - `unsuccessful`         (kind "validation", HTTP 200 with `success: false` outside Payment).
 */
export const CLIENTPAY_CODES = {
  accessIdRejected: "access_id_rejected",
  credentialsRejected: "credentials_rejected",
  requestRejected: "request_rejected",
  notFound: "not_found",
  unsuccessful: "unsuccessful",
} as const;

export type CredentialKind = "credentials" | "accessId";

const USER_MESSAGES = {
  accessId:
    "ClientPay no longer accepts this account's access ID: it was expired or replaced. Recover the current ID or issue a new one.",
  credentials: "ClientPay did not accept this account's integrator key, account key or PIN.",
} as const;

/** True when ClientPay refused the accessId itself (expired, replaced, or unknown). */
export function isAccessIdRejected(error: unknown): boolean {
  return isGatewayError(error) && error.gateway === "clientpay" && error.upstreamCode === CLIENTPAY_CODES.accessIdRejected;
}

export function isCredentialsRejected(error: unknown): boolean {
  return isGatewayError(error) && error.gateway === "clientpay" && error.upstreamCode === CLIENTPAY_CODES.credentialsRejected;
}

/**
 * Builds the mapper for one call. `credential` says what authenticated it, which is how a 401
 * becomes "access id rejected" rather than "bad key". The upstream text goes only into the
 * (redacted) cause for logs, never into the message shown to users.
 */
export function clientpayErrorMapper(credential: CredentialKind, secrets: readonly string[]): ErrorMapper {
  return ({ status, body, headers }) => {
    const parsed = errorBody.safeParse(body);
    const detail = parsed.success
      ? [parsed.data.message, ...(parsed.data.errors ?? []).map(String)].filter(Boolean).join("; ")
      : "";
    const cause = detail ? new Error(redactSecrets(`ClientPay said: ${detail}`, secrets)) : undefined;
    const kind = kindForStatus(status);
    if (status === 401 || status === 403) {
      return new GatewayError({
        gateway: "clientpay",
        kind: "authentication",
        status,
        upstreamCode: credential === "accessId" ? CLIENTPAY_CODES.accessIdRejected : CLIENTPAY_CODES.credentialsRejected,
        userMessage: USER_MESSAGES[credential],
        cause,
      });
    }
    const retryAfterSeconds = status === 429 ? parseRetryAfter(headers.get("retry-after")) : undefined;
    return new GatewayError({
      gateway: "clientpay",
      kind,
      status,
      upstreamCode: kind === "validation" ? CLIENTPAY_CODES.requestRejected : kind === "not_found" ? CLIENTPAY_CODES.notFound : undefined,
      rateLimit: retryAfterSeconds !== undefined ? { retryAfterSeconds } : undefined,
      cause,
    });
  };
}

export function unsuccessfulAnswer(status: number): GatewayError {
  return new GatewayError({
    gateway: "clientpay",
    kind: "validation",
    status,
    upstreamCode: CLIENTPAY_CODES.unsuccessful,
    userMessage: "ClientPay did not complete the request.",
  });
}

/**
 * A Payment answer that is not an approval, as a GatewayError, for callers that prefer to throw
 * (the client itself returns declines as results). Undefined for an approval.
 */
export function paymentFailure(result: { approved: boolean; payment: { paymentStatus: string | null } }): GatewayError | undefined {
  if (result.approved) return undefined;
  return new GatewayError({
    gateway: "clientpay",
    kind: "declined",
    upstreamCode: result.payment.paymentStatus ?? undefined,
  });
}
