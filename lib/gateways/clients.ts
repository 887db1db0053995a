import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createClientpayClient, type ClientpayClient } from "@/lib/payments/clientpay";
import type { FetchLike, RetryPolicy } from "@/lib/payments/http";
import { createUsaepayClient, type UsaepayClient, type UsaepayClientOptions } from "@/lib/payments/usaepay";
import { openSecret } from "@/lib/vault";
import { VaultOpenError } from "@/lib/vault/seal";
import { splitList } from "@/lib/env-schema";
import { clientpayBaseUrl, gatewayUrlProblem, hostOf, resolveEndpoints, usaepayBaseUrl, type AllowList, type EndpointSettings, type ResolvedEndpoints } from "./endpoints";

/**
 * The gateway factory: the only place merchant secrets are opened, just before a client is
 * built for a call. It sits below the DAL and the sync, which both get their clients here.
 * Callers pass a merchant they obtained through an access-checked DAL function (or, for the
 * background sync, every account); nothing here checks a viewer.
 */
export interface GatewayDeps {
  /** Tests inject the emulator's in-process fetch. */
  fetch?: FetchLike;
  onRateLimit?: UsaepayClientOptions["onRateLimit"];
  /** Per attempt; default the interactive bound (INTERACTIVE_TIMEOUT_SECONDS). The sync passes its own. */
  timeoutMs?: number;
  /** Default: one attempt, so a person waits at most one timeout. The sync passes its own. */
  retry?: Partial<RetryPolicy>;
}

/**
 * Someone is waiting for every call but the sync's (a key check, a refund, an access-ID change,
 * a live look-up): it ends within INTERACTIVE_TIMEOUT_SECONDS (at most 10) with a clear message.
 */
export function interactiveTimeoutMs(): number {
  return env.INTERACTIVE_TIMEOUT_SECONDS * 1000;
}
const INTERACTIVE_RETRY: Partial<RetryPolicy> = { maxAttempts: 1 };

const EMULATOR_URLS = { usaepay: env.USAEPAY_EMULATOR_URL, clientpay: env.CLIENTPAY_EMULATOR_URL };

export const ALLOW_LIST: AllowList = { emulators: EMULATOR_URLS, extraHosts: splitList(env.GATEWAY_ALLOWED_HOSTS) };

/**
 * Refuses a base URL off the allow-list before any secret is opened for it: an override saved
 * before the allow-list existed (or written to the database by hand) sends nothing.
 */
export function allowedBaseUrl(gateway: "usaepay" | "clientpay", url: string): string {
  const problem = gatewayUrlProblem(gateway, url, ALLOW_LIST);
  if (problem) {
    logger.warn({ gateway, host: hostOf(url) }, "gateway call refused: host not on the allow-list");
    throw new AppError("gateway_host_not_allowed", `This account's ${gateway === "usaepay" ? "USAePay" : "ClientPay"} URL ${problem} No call was made.`);
  }
  return url;
}

export const INTEGRATOR_KEY_SECRET = "clientpay.integratorKey";
/** The integrator key it replaced, sealed, for "restore previous". */
export const PREVIOUS_INTEGRATOR_KEY_SECRET = "clientpay.integratorKey.previous";
export const CREDENTIAL_TABLE = "MerchantCredential";
export const INSTALLATION_TABLE = "InstallationSecret";
export const WEBHOOK_TABLE = "UsaepayWebhookSetting";

type MerchantEndpoints = EndpointSettings & { id: string };

/** The account's hosts with this installation's emulator URLs filled in. */
export function endpointsOf(merchant: EndpointSettings): ResolvedEndpoints {
  return resolveEndpoints(merchant, EMULATOR_URLS);
}

function opened(sealed: string, table: string, recordId: string, field: string): string {
  try {
    return openSecret(sealed, table, recordId, field);
  } catch (error) {
    if (!(error instanceof VaultOpenError)) throw error;
    logger.error({ table, recordId, field, reason: error.message }, "vault: a stored secret did not open");
    throw new AppError("vault_open_failed", "This account's stored keys could not be opened. An admin should run `npm run vault:check`.", { cause: error });
  }
}

async function currentCredential(merchantId: string, gateway: "usaepay" | "clientpay") {
  const row = await db.merchantCredential.findUnique({
    where: { merchantAccountId_gateway_slot: { merchantAccountId: merchantId, gateway, slot: "current" } },
  });
  if (!row) {
    const label = gateway === "usaepay" ? "USAePay API key and PIN" : "ClientPay account key and PIN";
    throw new AppError("no_credentials", `This account has no ${label} yet. An admin can add them on the account's page.`);
  }
  return { key: opened(row.keySealed, CREDENTIAL_TABLE, row.id, "key"), pin: opened(row.pinSealed, CREDENTIAL_TABLE, row.id, "pin") };
}

export async function integratorKey(): Promise<string> {
  const value = await installationSecret(INTEGRATOR_KEY_SECRET);
  if (value === null) throw new AppError("no_integrator_key", "The ClientPay integrator key is not set. An admin can set it under Merchant accounts.");
  return value;
}

/** An installation secret opened (the integrator key and its previous copy, when re-sealing them under each other's name). */
export async function installationSecret(name: string): Promise<string | null> {
  const row = await db.installationSecret.findUnique({ where: { name } });
  return row ? opened(row.valueSealed, INSTALLATION_TABLE, row.name, "value") : null;
}

/**
 * The account's USAePay webhook signature key, opened to check one delivery's X-Signature;
 * null when webhooks are off for the account (no key stored).
 */
export async function usaepayWebhookSignatureKey(merchantId: string): Promise<string | null> {
  const row = await db.usaepayWebhookSetting.findUnique({ where: { merchantAccountId: merchantId }, select: { signatureKeySealed: true } });
  return row ? opened(row.signatureKeySealed, WEBHOOK_TABLE, merchantId, "signatureKey") : null;
}

export function usaepayClientWith(merchant: EndpointSettings, credentials: { key: string; pin: string }, deps: GatewayDeps = {}): UsaepayClient {
  return createUsaepayClient({
    baseUrl: allowedBaseUrl("usaepay", usaepayBaseUrl(merchant, EMULATOR_URLS)),
    apiKey: credentials.key,
    pin: credentials.pin,
    fetch: deps.fetch,
    onRateLimit: deps.onRateLimit,
    timeoutMs: deps.timeoutMs ?? interactiveTimeoutMs(),
    retry: deps.retry ?? INTERACTIVE_RETRY,
  });
}

export function clientpayClientWith(
  merchant: EndpointSettings,
  credentials: { integratorKey: string; key: string; pin: string },
  deps: GatewayDeps = {},
): ClientpayClient {
  return createClientpayClient({
    baseUrl: allowedBaseUrl("clientpay", clientpayBaseUrl(merchant, EMULATOR_URLS)),
    integratorKey: credentials.integratorKey,
    accountKey: credentials.key,
    accountPin: credentials.pin,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs ?? interactiveTimeoutMs(),
    retry: deps.retry ?? INTERACTIVE_RETRY,
  });
}

/** A USAePay client on the account's stored (current) key and PIN. */
export async function usaepayClientFor(merchant: MerchantEndpoints, deps: GatewayDeps = {}): Promise<UsaepayClient> {
  return usaepayClientWith(merchant, await currentCredential(merchant.id, "usaepay"), deps);
}

/** A ClientPay client on the installation's integrator key and the account's key and PIN. */
export async function clientpayClientFor(merchant: MerchantEndpoints, deps: GatewayDeps = {}): Promise<ClientpayClient> {
  const [integrator, credential] = await Promise.all([integratorKey(), currentCredential(merchant.id, "clientpay")]);
  return clientpayClientWith(merchant, { integratorKey: integrator, ...credential }, deps);
}

/** A ClientPay client on an account's stored key and PIN with a candidate integrator key (checking a new one before it is stored). */
export async function clientpayClientWithIntegratorKey(merchant: MerchantEndpoints, candidateIntegratorKey: string, deps: GatewayDeps = {}): Promise<ClientpayClient> {
  return clientpayClientWith(merchant, { integratorKey: candidateIntegratorKey, ...(await currentCredential(merchant.id, "clientpay")) }, deps);
}
