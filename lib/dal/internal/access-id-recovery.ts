import "server-only";
import type { AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { clientpayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { logger } from "@/lib/logger";
import { upstreamFailure } from "./access-id-messages";
import { settleRotation, listAbandonedRotations, type OpenRotation, type SettledAs } from "./access-id-journal";
import { openStoredAccessId } from "./access-id-store";

export interface RecoveryReport {
  rotationId: string;
  startedAt: Date;
  startedByEmail: string | null;
  settledAs: SettledAs;
  /** Masked hint of the id stored afterwards. */
  hint: string | null;
}

export interface RecoveryOutcome {
  recovered: RecoveryReport[];
  /** Safe messages for journals that could not be recovered yet (they stay open). */
  failed: string[];
}

const endpointSelect = { id: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true } as const;

/** Asks ClientPay which id is current and settles the journal with it. Throws on an upstream failure. */
async function recoverRotation(rotation: OpenRotation, trigger: string, actor: AuditActor | null, detectedBy: string | undefined, deps: GatewayDeps) {
  const merchant = await db.merchantAccount.findUniqueOrThrow({ where: { id: rotation.merchantAccountId }, select: endpointSelect });
  const client = await clientpayClientFor(merchant, deps);
  const row = await db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchant.id }, select: { valueHint: true } });
  // A stored id that no longer opens is as good as none: ClientPay's answer replaces it.
  const stored = await openStoredAccessId(merchant.id).catch(() => null);
  const current = await client.currentAccessId();
  return settleRotation({
    rotation,
    current,
    stored,
    storedHint: row?.valueHint ?? null,
    actor,
    trigger,
    detectedBy,
    unchangedOutcome: "recovered: no new id had been issued",
  });
}

/**
 * Finds rotation journals left open by a crash or a failed write (for one account, or all) and
 * recovers each through Current Access ID. A journal whose recovery fails stays open for the next try.
 * Callers have already checked the viewer's access to the account.
 */
export async function recoverAbandonedRotations(options: {
  merchantId?: string;
  trigger: string;
  actor?: AuditActor | null;
  detectedBy?: string;
  deps?: GatewayDeps;
}): Promise<RecoveryOutcome> {
  const outcome: RecoveryOutcome = { recovered: [], failed: [] };
  for (const rotation of await listAbandonedRotations(options.merchantId)) {
    try {
      const result = await recoverRotation(rotation, options.trigger, options.actor ?? null, options.detectedBy, options.deps ?? {});
      if (!result.applied) continue;
      outcome.recovered.push({ rotationId: rotation.id, startedAt: rotation.startedAt, startedByEmail: rotation.startedByEmail, settledAs: result.settledAs, hint: result.hint });
      logger.info({ merchantId: rotation.merchantAccountId, rotationId: rotation.id, result: result.settledAs, trigger: options.trigger }, "access id: interrupted rotation recovered");
    } catch (error) {
      logger.warn({ merchantId: rotation.merchantAccountId, rotationId: rotation.id, err: error }, "access id: interrupted rotation could not be recovered yet");
      outcome.failed.push(
        upstreamFailure(error, "An interrupted rotation could not be checked with ClientPay yet; it is retried when this page next loads.").userMessage,
      );
    }
  }
  return outcome;
}

interface BackgroundState {
  inFlight: Map<string, Promise<void>>;
  /** What the last background attempt could not recover, per account; retried after RETRY_AFTER_MS. */
  failed: Map<string, { at: number; messages: string[] }>;
}
const registry = globalThis as unknown as { paydeskAccessIdRecovery?: BackgroundState };
const background: BackgroundState = (registry.paydeskAccessIdRecovery ??= { inFlight: new Map(), failed: new Map() });
const RETRY_AFTER_MS = 15_000;

export interface BackgroundRecovery {
  /** "checking": ClientPay is being asked now; the page shows so and reloads itself. */
  state: "idle" | "checking";
  /** Why the last attempt could not recover a journal (safe to show); it is tried again shortly. */
  failed: string[];
}

/**
 * For the Access IDs page: recovers the account's abandoned journals *after* the page has been
 * answered, never while it renders (a slow ClientPay must not hold a page). Per app instance, one
 * attempt at a time per account; another instance may try too, which settleRotation makes harmless.
 */
export async function recoverInBackground(merchantId: string, detectedBy: string, deps: GatewayDeps = {}, now: () => number = Date.now): Promise<BackgroundRecovery> {
  const lastFailure = background.failed.get(merchantId);
  if (background.inFlight.has(merchantId)) return { state: "checking", failed: [] };
  if ((await listAbandonedRotations(merchantId)).length === 0) {
    background.failed.delete(merchantId);
    return { state: "idle", failed: [] };
  }
  if (lastFailure && now() - lastFailure.at < RETRY_AFTER_MS) return { state: "idle", failed: lastFailure.messages };
  const attempt = recoverAbandonedRotations({ merchantId, trigger: "page_load", actor: null, detectedBy, deps })
    .then((outcome) => {
      if (outcome.failed.length) background.failed.set(merchantId, { at: now(), messages: outcome.failed });
      else background.failed.delete(merchantId);
    })
    .catch((error: unknown) => logger.error({ merchantId, err: error }, "access id: background recovery failed"))
    .finally(() => background.inFlight.delete(merchantId));
  background.inFlight.set(merchantId, attempt);
  return { state: "checking", failed: [] };
}

/** Tests: waits for the background recoveries this instance started. */
export async function settleBackgroundRecoveries(): Promise<void> {
  await Promise.all([...background.inFlight.values()]);
}

/**
 * Start-up hook for instrumentation.ts: recovers every rotation a previous run of the app left
 * open. Never throws (start-up must not fail because ClientPay is down); call it without
 * awaiting so a slow ClientPay does not delay boot — page loads recover too.
 */
export async function recoverInterruptedAccessIdRotations(deps: GatewayDeps = {}): Promise<RecoveryOutcome> {
  try {
    return await recoverAbandonedRotations({ trigger: "startup", actor: null, deps });
  } catch (error) {
    logger.error({ err: error }, "access id: start-up recovery of interrupted rotations failed");
    return { recovered: [], failed: [] };
  }
}
