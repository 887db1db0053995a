import "server-only";
import { assertRecentAuthentication } from "@/lib/auth/step-up";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  clientpayClientWith,
  clientpayClientWithIntegratorKey,
  endpointsOf,
  INTEGRATOR_KEY_SECRET,
  integratorKey,
  PREVIOUS_INTEGRATOR_KEY_SECRET,
  usaepayClientWith,
  type GatewayDeps,
} from "@/lib/gateways/clients";
import { isGatewayError } from "@/lib/payments/http";
import type { RequestMeta } from "@/lib/request-meta";
import { withInteractiveBudget } from "@/lib/sync/budget";
import type { Gateway } from "@/lib/validation/merchants";
import { maskedHint } from "@/lib/vault";
import { replaceCurrentCredentials, storeIntegratorKey, swapIntegratorKeys } from "./internal/credentials";
import { assertCan } from "./internal/guards";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";

/** What pages may see of stored credentials: masked hints and dates only. */
export interface CredentialHintDto {
  keyHint: string;
  pinHint: string;
  createdAt: Date;
}

export interface GatewayCredentialsDto {
  current: CredentialHintDto | null;
  previous: CredentialHintDto | null;
}

const GATEWAY_LABEL: Record<Gateway, string> = { usaepay: "USAePay", clientpay: "ClientPay" };
const hintSelect = { slot: true, gateway: true, keyHint: true, pinHint: true, createdAt: true } as const;

const keysOf = (viewer: Viewer, merchantId: string) => merchantFor(viewer, "merchant-keys:manage", { id: merchantId });

export async function getCredentialHints(viewer: Viewer, merchantId: string): Promise<Record<Gateway, GatewayCredentialsDto>> {
  await keysOf(viewer, merchantId);
  const rows = await db.merchantCredential.findMany({ where: { merchantAccountId: merchantId }, select: hintSelect });
  const pick = (gateway: Gateway, slot: string) => {
    const row = rows.find((candidate) => candidate.gateway === gateway && candidate.slot === slot);
    return row ? { keyHint: row.keyHint, pinHint: row.pinHint, createdAt: row.createdAt } : null;
  };
  return {
    usaepay: { current: pick("usaepay", "current"), previous: pick("usaepay", "previous") },
    clientpay: { current: pick("clientpay", "current"), previous: pick("clientpay", "previous") },
  };
}

/** Turns a failed upstream check into a message an admin can act on. */
function verificationError(gateway: Gateway, host: string, error: unknown): AppError {
  const label = GATEWAY_LABEL[gateway];
  const unchanged = "Nothing was changed.";
  if (error instanceof AppError) return new AppError(error.code, `${error.userMessage} ${unchanged}`, { cause: error });
  if (!isGatewayError(error)) return new AppError("verify_failed", `${label} could not be checked. ${unchanged}`, { cause: error });
  const messages: Record<string, string> = {
    authentication: `${label} did not accept this key and PIN.`,
    ip_blocked: `${label} refused this server's IP address for this key (IP restriction).`,
    network: `Could not reach ${label} at ${host} (network error or timeout).`,
    rate_limited: `${label}'s rate limit for this key was reached. Try again in a minute.`,
    unavailable: `${label} is unavailable right now (server error). Try again shortly.`,
    bad_shape: `${label} at ${host} answered with something we could not understand. Check the account's URL.`,
  };
  return new AppError(`verify_${error.kind}`, `${messages[error.kind] ?? error.userMessage} ${unchanged}`, { cause: error });
}

/** One cheap authenticated call with the candidate pair, before anything is stored. */
async function verifyCandidate(merchant: MerchantDto, gateway: Gateway, candidate: { key: string; pin: string }, deps: GatewayDeps) {
  const host = gateway === "usaepay" ? merchant.endpoints.usaepayHost : merchant.endpoints.clientpayHost;
  try {
    if (gateway === "usaepay") {
      // GET /customers?limit=1: the cheapest authenticated read, a staff action on the account's shared budget.
      await withInteractiveBudget(merchant, "action", ({ onRateLimit }) => usaepayClientWith(merchant, candidate, { onRateLimit, ...deps }).listCustomers({ limit: 1 }));
      return;
    }
    const valid = await clientpayClientWith(merchant, { integratorKey: await integratorKey(), ...candidate }, deps).validateCredentials();
    if (!valid) throw new AppError("verify_authentication", "ClientPay did not accept this account key and PIN.");
  } catch (error) {
    throw verificationError(gateway, host, error);
  }
}

/**
 * Sets or rotates a gateway key + PIN: checked upstream first; on success the new pair
 * becomes current and the old current becomes "previous" (an older previous is dropped),
 * all in one transaction with its audit row. On failure nothing changes.
 */
export async function setMerchantCredentials(
  viewer: Viewer,
  merchantId: string,
  gateway: Gateway,
  candidate: { key: string; pin: string },
  meta: RequestMeta,
  deps: GatewayDeps = {},
): Promise<void> {
  const merchant = await keysOf(viewer, merchantId);
  await assertRecentAuthentication(viewer);
  try {
    await verifyCandidate(merchant, gateway, candidate, deps);
  } catch (error) {
    await recordAuditEvent({
      actor: viewer,
      action: "merchant.credentials.set",
      outcome: "failure",
      targetType: "merchant",
      targetId: merchantId,
      meta,
      details: { gateway, after: { keyHint: maskedHint(candidate.key), pinHint: maskedHint(candidate.pin) }, reason: (error as AppError).code },
    });
    throw error;
  }

  await replaceCurrentCredentials(merchantId, gateway, candidate, { actor: viewer, meta });
}

/** Swaps current and previous: the pair in use before the last rotation is in use again. */
export async function restorePreviousCredentials(viewer: Viewer, merchantId: string, gateway: Gateway, meta: RequestMeta): Promise<void> {
  await keysOf(viewer, merchantId);
  await assertRecentAuthentication(viewer);
  await db.$transaction(async (tx) => {
    const rows = await tx.merchantCredential.findMany({ where: { merchantAccountId: merchantId, gateway }, select: { id: true, slot: true, keyHint: true, pinHint: true } });
    const current = rows.find((row) => row.slot === "current");
    const previous = rows.find((row) => row.slot === "previous");
    if (!previous) throw new AppError("no_previous", "There is no previous key to restore.");
    // Three steps because (account, gateway, slot) is unique at every moment.
    if (current) await tx.merchantCredential.update({ where: { id: current.id }, data: { slot: "swapping" } });
    await tx.merchantCredential.update({ where: { id: previous.id }, data: { slot: "current" } });
    if (current) await tx.merchantCredential.update({ where: { id: current.id }, data: { slot: "previous" } });
    await recordAuditEvent(
      {
        actor: viewer,
        action: "merchant.credentials.restore_previous",
        targetType: "merchant",
        targetId: merchantId,
        meta,
        details: { gateway, before: current ? { keyHint: current.keyHint, pinHint: current.pinHint } : null, after: { keyHint: previous.keyHint, pinHint: previous.pinHint } },
      },
      tx,
    );
  });
}

export async function discardPreviousCredentials(viewer: Viewer, merchantId: string, gateway: Gateway, meta: RequestMeta): Promise<void> {
  await keysOf(viewer, merchantId);
  await db.$transaction(async (tx) => {
    const previous = await tx.merchantCredential.findUnique({
      where: { merchantAccountId_gateway_slot: { merchantAccountId: merchantId, gateway, slot: "previous" } },
      select: { id: true, keyHint: true, pinHint: true },
    });
    if (!previous) throw new AppError("no_previous", "There is no previous key to discard.");
    await tx.merchantCredential.delete({ where: { id: previous.id } });
    await recordAuditEvent(
      { actor: viewer, action: "merchant.credentials.discard_previous", targetType: "merchant", targetId: merchantId, meta, details: { gateway, before: { keyHint: previous.keyHint, pinHint: previous.pinHint } } },
      tx,
    );
  });
}

export interface IntegratorKeyHintDto {
  hint: string;
  updatedAt: Date;
  previous: { hint: string; updatedAt: Date } | null;
}

export async function getIntegratorKeyHint(viewer: Viewer): Promise<IntegratorKeyHintDto | null> {
  assertCan(viewer, "merchant-keys:manage");
  const rows = await db.installationSecret.findMany({ where: { name: { in: [INTEGRATOR_KEY_SECRET, PREVIOUS_INTEGRATOR_KEY_SECRET] } }, select: { name: true, valueHint: true, updatedAt: true } });
  const current = rows.find((row) => row.name === INTEGRATOR_KEY_SECRET);
  const previous = rows.find((row) => row.name === PREVIOUS_INTEGRATOR_KEY_SECRET);
  if (!current) return null;
  return { hint: current.valueHint, updatedAt: current.updatedAt, previous: previous ? { hint: previous.valueHint, updatedAt: previous.updatedAt } : null };
}

/**
 * Checks a candidate integrator key with ClientPay (Validate Credentials, with the first
 * account that has ClientPay keys). Returns the account it was checked with, or null when no
 * account has ClientPay keys yet (then nothing can check it; the first account's keys will).
 */
async function verifyIntegratorKey(value: string, deps: GatewayDeps): Promise<string | null> {
  const merchant = await db.merchantAccount.findFirst({
    where: { credentials: { some: { gateway: "clientpay", slot: "current" } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true },
  });
  if (!merchant) return null;
  const host = endpointsOf(merchant).clientpayHost;
  try {
    const valid = await (await clientpayClientWithIntegratorKey(merchant, value, deps)).validateCredentials();
    if (!valid) throw new AppError("verify_authentication", `ClientPay did not accept this integrator key (checked with ${merchant.name}). Nothing was changed.`);
  } catch (error) {
    if (error instanceof AppError && error.code === "verify_authentication") throw error;
    throw verificationError("clientpay", host, error);
  }
  return merchant.name;
}

/**
 * The installation's ClientPay integrator key: checked with ClientPay first, then stored
 * sealed; the key it replaces is kept sealed as "previous" for restore. Step-up required.
 */
export async function setIntegratorKey(viewer: Viewer, value: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<{ checkedWith: string | null }> {
  assertCan(viewer, "merchant-keys:manage");
  await assertRecentAuthentication(viewer);
  let checkedWith: string | null;
  try {
    checkedWith = await verifyIntegratorKey(value, deps);
  } catch (error) {
    await recordAuditEvent({
      actor: viewer,
      action: "installation.integrator_key.set",
      outcome: "failure",
      targetType: "installation",
      targetId: INTEGRATOR_KEY_SECRET,
      meta,
      details: { after: maskedHint(value), reason: error instanceof AppError ? error.code : "verify_failed" },
    });
    throw error;
  }
  await storeIntegratorKey(value, { actor: viewer, meta, checkedWith });
  return { checkedWith };
}

/** Puts the previous integrator key back in use (the current one becomes previous). Step-up required. */
export async function restorePreviousIntegratorKey(viewer: Viewer, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "merchant-keys:manage");
  await assertRecentAuthentication(viewer);
  await swapIntegratorKeys({ actor: viewer, meta });
}
