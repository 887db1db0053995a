import "server-only";
import { randomUUID } from "node:crypto";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { CREDENTIAL_TABLE, INSTALLATION_TABLE, INTEGRATOR_KEY_SECRET, installationSecret, PREVIOUS_INTEGRATOR_KEY_SECRET } from "@/lib/gateways/clients";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import type { Gateway } from "@/lib/validation/merchants";
import { sealSecret } from "@/lib/vault";

/** Writes of sealed keys, without a permission check: the public DAL and the seed call these. */
interface AuditedBy {
  actor: Viewer | null;
  meta?: RequestMeta;
}

/**
 * Stores a pair as current, moving the old current to "previous" (dropping an older
 * previous), in one transaction with its audit row. `setMerchantCredentials` verifies the
 * pair upstream first; the demo seed, which runs before the emulators are up, and test
 * fixtures call this directly.
 */
export async function replaceCurrentCredentials(
  merchantId: string,
  gateway: Gateway,
  candidate: { key: string; pin: string },
  audit: AuditedBy,
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

/**
 * The installation's ClientPay integrator key, sealed like the merchants' secrets. The key it
 * replaces is re-sealed under the "previous" name (the associated data names the record, so a
 * ciphertext cannot simply move), for "restore previous".
 */
export async function storeIntegratorKey(value: string, audit: AuditedBy & { checkedWith?: string | null }): Promise<void> {
  const old = await installationSecret(INTEGRATOR_KEY_SECRET);
  const updatedById = audit.actor?.id ?? null;
  await db.$transaction(async (tx) => {
    const before = await tx.installationSecret.findUnique({ where: { name: INTEGRATOR_KEY_SECRET }, select: { valueHint: true } });
    if (old !== null) await writeInstallationSecret(tx, PREVIOUS_INTEGRATOR_KEY_SECRET, old, updatedById);
    const sealed = await writeInstallationSecret(tx, INTEGRATOR_KEY_SECRET, value, updatedById);
    await recordAuditEvent(
      {
        actor: audit.actor,
        action: "installation.integrator_key.set",
        targetType: "installation",
        targetId: INTEGRATOR_KEY_SECRET,
        meta: audit.meta,
        details: { before: before?.valueHint ?? null, after: sealed.hint, checkedWith: audit.checkedWith ?? null },
      },
      tx,
    );
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function writeInstallationSecret(tx: Tx, name: string, value: string, updatedById: string | null) {
  const sealed = sealSecret(value, INSTALLATION_TABLE, name, "value");
  await tx.installationSecret.upsert({
    where: { name },
    create: { name, valueSealed: sealed.sealed, valueHint: sealed.hint, updatedById },
    update: { valueSealed: sealed.sealed, valueHint: sealed.hint, updatedById },
  });
  return sealed;
}

/** Swaps the current and previous integrator keys, re-sealing each under the other's name. */
export async function swapIntegratorKeys(audit: AuditedBy): Promise<void> {
  const [current, previous] = await Promise.all([installationSecret(INTEGRATOR_KEY_SECRET), installationSecret(PREVIOUS_INTEGRATOR_KEY_SECRET)]);
  if (previous === null) throw new AppError("no_previous", "There is no previous integrator key to restore.");
  const updatedById = audit.actor?.id ?? null;
  await db.$transaction(async (tx) => {
    const sealed = await writeInstallationSecret(tx, INTEGRATOR_KEY_SECRET, previous, updatedById);
    const demoted = current !== null ? await writeInstallationSecret(tx, PREVIOUS_INTEGRATOR_KEY_SECRET, current, updatedById) : null;
    await recordAuditEvent(
      { actor: audit.actor, action: "installation.integrator_key.restore_previous", targetType: "installation", targetId: INTEGRATOR_KEY_SECRET, meta: audit.meta, details: { before: demoted?.hint ?? null, after: sealed.hint } },
      tx,
    );
  });
}
