import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { clientpayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { abandonRotation, openRotation, releaseRotation } from "./access-id-journal";
import { markAccessIdState, openStoredAccessId, storeAccessId } from "./access-id-store";

/**
 * Makes sure an account holds an access ID ClientPay accepts, for a program that starts the
 * installation (the demo, whose emulator starts empty each time) rather than a person: keep the
 * stored id if it validates; else store ClientPay's current one (Recover); else issue one through
 * the same journal an admin's Issue uses (an open row first, the id stored in the transaction that
 * closes it), so an interrupted start is recovered like an interrupted rotation. Audited as the
 * system, with the trigger named.
 */
export type EnsuredAccessId = "valid" | "recovered" | "issued";

const endpointSelect = { id: true, environment: true, usaepayBaseUrl: true, usaepayEndpointKey: true, clientpayBaseUrl: true } as const;

export async function ensureAccessId(merchantId: string, trigger: string, deps: GatewayDeps = {}): Promise<EnsuredAccessId> {
  const merchant = await db.merchantAccount.findUniqueOrThrow({ where: { id: merchantId }, select: endpointSelect });
  const client = await clientpayClientFor(merchant, deps);
  const stored = await openStoredAccessId(merchantId).catch(() => null);
  if (stored && (await client.withAccessId(stored).validate())) {
    await markAccessIdState(db, merchantId, "valid", null);
    return "valid";
  }
  const audit = (action: string, details: Record<string, string | null>, tx: Parameters<typeof recordAuditEvent>[1]) =>
    recordAuditEvent({ actor: null, action, targetType: "merchant", targetId: merchantId, details: { trigger, ...details } }, tx);

  const current = await client.currentAccessId();
  if (current) {
    await db.$transaction(async (tx) => {
      const hint = await storeAccessId(tx, merchantId, current, { state: "valid", issuedAt: null, issuedByEmail: null, checkedAt: new Date(), checkedByEmail: null });
      await audit("access_id.recover", { result: "stored_current", after: hint }, tx);
    });
    return "recovered";
  }

  const rotation = await openRotation(merchantId, `system (${trigger})`);
  try {
    let issued: string;
    try {
      issued = await client.newAccessId();
    } catch (error) {
      // Whether ClientPay issued one is not known: the journal stays open and is recovered on the next page load.
      abandonRotation(rotation.id);
      throw error;
    }
    await db.$transaction(async (tx) => {
      const now = new Date();
      const hint = await storeAccessId(tx, merchantId, issued, { state: "valid", issuedAt: now, issuedByEmail: null, checkedAt: now, checkedByEmail: null });
      await tx.accessIdRotation.update({ where: { id: rotation.id }, data: { inFlightKey: null, status: "closed", closedAt: now, outcome: "completed" } });
      await audit("access_id.rotate", { before: null, after: hint, rotationId: rotation.id }, tx);
    });
    return "issued";
  } finally {
    releaseRotation(rotation.id);
  }
}
