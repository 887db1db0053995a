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
