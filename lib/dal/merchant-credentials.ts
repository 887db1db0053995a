import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { clientpayBaseUrl, hostOf, usaepayBaseUrl } from "@/lib/merchants/endpoints";
import { isGatewayError } from "@/lib/payments/http";
import type { RequestMeta } from "@/lib/request-meta";
import type { Gateway } from "@/lib/validation/merchants";
import { maskedHint, sealSecret } from "@/lib/vault";
import { recordAuditEvent } from "./audit";
import {
  clientpayClientWith,
  CREDENTIAL_TABLE,
  EMULATOR_URLS,
  INSTALLATION_TABLE,
  INTEGRATOR_KEY_SECRET,
  integratorKey,
  usaepayClientWith,
  type GatewayDeps,
} from "./gateway-clients";
import { getMerchantForAdmin, type MerchantDto } from "./merchants";
import { assertCan } from "./users";

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

export async function getCredentialHints(viewer: Viewer, merchantId: string): Promise<Record<Gateway, GatewayCredentialsDto>> {
  assertCan(viewer, "merchant-keys:manage");
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
function verificationError(gateway: Gateway, baseUrl: string, error: unknown): AppError {
  const label = GATEWAY_LABEL[gateway];
  const unchanged = "Nothing was changed.";
  if (error instanceof AppError) return new AppError(error.code, `${error.userMessage} ${unchanged}`, { cause: error });
  if (!isGatewayError(error)) return new AppError("verify_failed", `${label} could not be checked. ${unchanged}`, { cause: error });
  const messages: Record<string, string> = {
    authentication: `${label} did not accept this key and PIN.`,
    ip_blocked: `${label} refused this server's IP address for this key (IP restriction).`,
    network: `Could not reach ${label} at ${hostOf(baseUrl)} (network error or timeout).`,
    rate_limited: `${label}'s rate limit for this key was reached. Try again in a minute.`,
    unavailable: `${label} is unavailable right now (server error). Try again shortly.`,
    bad_shape: `${label} at ${hostOf(baseUrl)} answered with something we could not understand. Check the account's URL.`,
  };
  return new AppError(`verify_${error.kind}`, `${messages[error.kind] ?? error.userMessage} ${unchanged}`, { cause: error });
}

/** One cheap authenticated call with the candidate pair, before anything is stored. */
async function verifyCandidate(merchant: MerchantDto, gateway: Gateway, candidate: { key: string; pin: string }, deps: GatewayDeps) {
  const baseUrl = gateway === "usaepay" ? usaepayBaseUrl(merchant, EMULATOR_URLS) : clientpayBaseUrl(merchant, EMULATOR_URLS);
  try {
    if (gateway === "usaepay") {
      // GET /customers?limit=1: the cheapest authenticated read.
      await usaepayClientWith(merchant, candidate, deps).listCustomers({ limit: 1 });
      return;
    }
    const valid = await clientpayClientWith(merchant, { integratorKey: await integratorKey(), ...candidate }, deps).validateCredentials();
    if (!valid) throw new AppError("verify_authentication", "ClientPay did not accept this account key and PIN.");
  } catch (error) {
    throw verificationError(gateway, baseUrl, error);
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
  assertCan(viewer, "merchant-keys:manage");
  const merchant = await getMerchantForAdmin(viewer, merchantId);
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

/**
 * Stores a pair as current, moving the old current to "previous" (dropping an older
 * previous), in one transaction with its audit row. Callers verify upstream first; the
 * demo seed, which runs before the emulators are up, calls it directly.
 */
export async function replaceCurrentCredentials(
  merchantId: string,
  gateway: Gateway,
  candidate: { key: string; pin: string },
  audit: { actor: Viewer | null; meta?: RequestMeta },
): Promise<void> {
  const id = randomUUID();
  const key = sealSecret(candidate.key, CREDENTIAL_TABLE, id, "key");
  const pin = sealSecret(candidate.pin, CREDENTIAL_TABLE, id, "pin");
  await db.$transaction(async (tx) => {
    const where = (slot: string) => ({ merchantAccountId_gateway_slot: { merchantAccountId: merchantId, gateway, slot } });
    const current = await tx.merchantCredential.findUnique({ where: where("current"), select: { id: true, keyHint: true, pinHint: true } });
    await tx.merchantCredential.deleteMany({ where: { merchantAccountId: merchantId, gateway, slot: "previous" } });
    if (current) await tx.merchantCredential.update({ where: { id: current.id }, data: { slot: "previous" } });
    await tx.merchantCredential.create({
      data: { id, merchantAccountId: merchantId, gateway, slot: "current", keySealed: key.sealed, keyHint: key.hint, pinSealed: pin.sealed, pinHint: pin.hint, createdById: audit.actor?.id ?? null },
    });
    await recordAuditEvent(
      {
        actor: audit.actor,
        action: current ? "merchant.credentials.rotate" : "merchant.credentials.set",
        targetType: "merchant",
        targetId: merchantId,
        meta: audit.meta,
        details: { gateway, before: current ? { keyHint: current.keyHint, pinHint: current.pinHint } : null, after: { keyHint: key.hint, pinHint: pin.hint } },
      },
      tx,
    );
  });
}

/** Swaps current and previous: the pair in use before the last rotation is in use again. */
export async function restorePreviousCredentials(viewer: Viewer, merchantId: string, gateway: Gateway, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "merchant-keys:manage");
  await getMerchantForAdmin(viewer, merchantId);
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
  assertCan(viewer, "merchant-keys:manage");
  await getMerchantForAdmin(viewer, merchantId);
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

export async function getIntegratorKeyHint(viewer: Viewer): Promise<{ hint: string; updatedAt: Date } | null> {
  assertCan(viewer, "merchant-keys:manage");
  const row = await db.installationSecret.findUnique({ where: { name: INTEGRATOR_KEY_SECRET }, select: { valueHint: true, updatedAt: true } });
  return row ? { hint: row.valueHint, updatedAt: row.updatedAt } : null;
}

/** The installation's ClientPay integrator key; sealed like the merchants' secrets. */
export async function setIntegratorKey(viewer: Viewer | null, value: string, meta?: RequestMeta): Promise<void> {
  if (viewer) assertCan(viewer, "merchant-keys:manage");
  const sealed = sealSecret(value, INSTALLATION_TABLE, INTEGRATOR_KEY_SECRET, "value");
  await db.$transaction(async (tx) => {
    const before = await tx.installationSecret.findUnique({ where: { name: INTEGRATOR_KEY_SECRET }, select: { valueHint: true } });
    await tx.installationSecret.upsert({
      where: { name: INTEGRATOR_KEY_SECRET },
      create: { name: INTEGRATOR_KEY_SECRET, valueSealed: sealed.sealed, valueHint: sealed.hint, updatedById: viewer?.id ?? null },
      update: { valueSealed: sealed.sealed, valueHint: sealed.hint, updatedById: viewer?.id ?? null },
    });
    await recordAuditEvent(
      { actor: viewer, action: "installation.integrator_key.set", targetType: "installation", targetId: INTEGRATOR_KEY_SECRET, meta, details: { before: before?.valueHint ?? null, after: sealed.hint } },
      tx,
    );
  });
}
