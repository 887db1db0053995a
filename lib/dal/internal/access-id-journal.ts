import "server-only";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { interactiveTimeoutMs } from "@/lib/gateways/clients";
import { clearAccessId, markAccessIdState, storeAccessId } from "./access-id-store";

/**
 * The rotation journal (AccessIdRotation). An open row is written before New Access ID is
 * called and closed in the transaction that stores the new id, so a row still open later
 * means the app died, or its write failed, after ClientPay may have issued a new id.
 *
 * Which open rows are abandoned: not one this process is running, and either older than this
 * process (its owner died in a crash/restart) or older than any rotation can take. Recovering
 * a rotation another instance is still running is harmless: it stores what ClientPay says is
 * current, and that rotation's own completion then stores the same or a newer id.
 */
/** A rotation makes at most two interactive calls (New Access ID, then Current Access ID after a failure). */
const STALE_AFTER_MS = interactiveTimeoutMs() * 2 + 5_000;

interface ProcessState {
  bootedAt: Date;
  /** Rotations this process is running now: never recovered under their feet. */
  running: Set<string>;
  /** Rotations this process gave up on (their store failed): recovered at the next chance. */
  abandoned: Set<string>;
}
// On globalThis: Next may evaluate this module more than once per process (one per bundle layer).
const registry = globalThis as unknown as { paydeskAccessIdRotations?: ProcessState };
const processState: ProcessState = (registry.paydeskAccessIdRotations ??= { bootedAt: new Date(), running: new Set(), abandoned: new Set() });

export interface OpenRotation {
  id: string;
  merchantAccountId: string;
  startedAt: Date;
  startedByEmail: string | null;
}

const openSelect = { id: true, merchantAccountId: true, startedAt: true, startedByEmail: true } as const;

export const ROTATION_IN_FLIGHT_MESSAGE = "A rotation of this account's access ID is already in progress. Wait for it to finish, then reload the page.";

/** Writes the intent row; the unique inFlightKey refuses a second rotation of the same account. */
export async function openRotation(merchantId: string, startedByEmail: string): Promise<OpenRotation> {
  try {
    const row = await db.accessIdRotation.create({
      data: { merchantAccountId: merchantId, inFlightKey: merchantId, status: "open", startedByEmail, startedAt: new Date() },
      select: openSelect,
    });
    processState.running.add(row.id);
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("rotation_in_flight", ROTATION_IN_FLIGHT_MESSAGE, { cause: error });
    throw error;
  }
}

/** This process no longer runs the rotation (finished, failed, or left for recovery). */
export function releaseRotation(rotationId: string) {
  processState.running.delete(rotationId);
}

/** Leaves an open journal for recovery on the next page load, without waiting for it to go stale. */
export function abandonRotation(rotationId: string) {
  processState.running.delete(rotationId);
  processState.abandoned.add(rotationId);
}

type JournalWriter = Pick<typeof db, "accessIdRotation">;

export async function closeRotation(client: JournalWriter, rotationId: string, outcome: string): Promise<number> {
  const { count } = await client.accessIdRotation.updateMany({
    where: { id: rotationId, status: "open" },
    data: { inFlightKey: null, status: "closed", closedAt: new Date(), outcome },
  });
  return count;
}

export async function findOpenRotation(merchantId: string): Promise<OpenRotation | null> {
  return db.accessIdRotation.findFirst({ where: { merchantAccountId: merchantId, status: "open" }, select: openSelect });
}

/** Open rows nobody is running any more (see the module comment). */
export async function listAbandonedRotations(merchantId?: string): Promise<OpenRotation[]> {
  const open = await db.accessIdRotation.findMany({
    where: { status: "open", ...(merchantId ? { merchantAccountId: merchantId } : {}) },
    select: openSelect,
    orderBy: { startedAt: "asc" },
  });
  const staleBefore = Date.now() - STALE_AFTER_MS;
  return open.filter(
    (row) =>
      !processState.running.has(row.id) &&
      (processState.abandoned.has(row.id) || row.startedAt < processState.bootedAt || row.startedAt.getTime() < staleBefore),
  );
}

export type SettledAs = "new_id" | "unchanged" | "none_active";

export interface SettleInput {
  rotation: OpenRotation;
  /** What Current Access ID answered. */
  current: string | null;
  /** The id stored before the rotation, opened for comparison. */
  stored: string | null;
  storedHint: string | null;
  actor: AuditActor | null;
  /** Where the recovery ran: "page_load", "startup", "after_failure". */
  trigger: string;
  /** Who loaded the page that found the open journal (the recovery itself is the system's). */
  detectedBy?: string;
  /** Journal outcome when ClientPay still has the stored id (the rotation never happened). */
  unchangedOutcome: string;
}

export interface SettleResult {
  settledAs: SettledAs;
  hint: string | null;
  /** False when another request closed the journal first. */
  applied: boolean;
}

/**
 * Closes an open journal from ClientPay's answer to Current Access ID, storing that id when it
 * differs from the stored one, with one audit row, all in one transaction.
 */
export async function settleRotation(input: SettleInput): Promise<SettleResult> {
  const { rotation, current } = input;
  const merchantId = rotation.merchantAccountId;
  const settledAs: SettledAs = current === input.stored ? "unchanged" : current === null ? "none_active" : "new_id";
  return db.$transaction(async (tx) => {
    const outcome = settledAs === "unchanged" ? input.unchangedOutcome : settledAs === "new_id" ? "recovered" : "recovered: no active id";
    if ((await closeRotation(tx, rotation.id, outcome)) === 0) return { settledAs, hint: input.storedHint, applied: false };
    processState.abandoned.delete(rotation.id);
    let hint = input.storedHint;
    const checker = input.actor?.email ?? null;
    if (settledAs === "new_id" && current) {
      // ClientPay issued this id for the interrupted rotation: credit it to whoever started it.
      hint = await storeAccessId(tx, merchantId, current, {
        state: "valid",
        issuedAt: rotation.startedAt,
        issuedByEmail: rotation.startedByEmail,
        checkedAt: new Date(),
        checkedByEmail: checker,
      });
    } else if (settledAs === "none_active") {
      await clearAccessId(tx, merchantId, "expired", checker);
    } else if (input.trigger !== "after_failure") {
      // ClientPay still has the stored id: it is current. After a failed rotation, though,
      // nothing was changed and the stored row is left exactly as it was.
      await markAccessIdState(tx, merchantId, "valid", checker);
    }
    if (settledAs !== "unchanged" || input.trigger !== "after_failure") {
      await recordAuditEvent(
        {
          actor: input.actor,
          action: "access_id.rotation_recovered",
          targetType: "merchant",
          targetId: merchantId,
          details: {
            trigger: input.trigger,
            detectedBy: input.detectedBy ?? null,
            rotationId: rotation.id,
            startedBy: rotation.startedByEmail,
            startedAt: rotation.startedAt.toISOString(),
            result: settledAs,
            before: input.storedHint,
            after: settledAs === "none_active" ? null : hint,
          },
        },
        tx,
      );
    }
    return { settledAs, hint, applied: true };
  });
}
