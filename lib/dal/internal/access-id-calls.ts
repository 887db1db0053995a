import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent, type AuditActor, type AuditWriter } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { clientpayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import { isAccessIdRejected, type ClientpayClient, type ClientpaySession } from "@/lib/payments/clientpay";
import type { RequestMeta } from "@/lib/request-meta";
import { findOpenRotation, ROTATION_IN_FLIGHT_MESSAGE } from "./access-id-journal";
import { failureReason, rejectionMessage, upstreamFailure } from "./access-id-messages";
import { markAccessIdState, NO_ACCESS_ID_MESSAGE, openStoredAccessId } from "./access-id-store";
import { merchantFor, type MerchantDto } from "./merchant-access";

/** What a check or change did; `message` is safe to show. */
export interface AccessIdResult {
  status: "success" | "error";
  message: string;
}

/** Who acts on which account, and from where: what every access-ID audit row records. */
export interface Target {
  viewer: Viewer;
  merchant: MerchantDto;
  meta: RequestMeta;
}

export async function resolveTarget(viewer: Viewer, permission: Permission, slug: string, meta: RequestMeta): Promise<Target> {
  return { viewer, merchant: await merchantFor(viewer, permission, { slug }), meta };
}

export function audit(target: Target, action: string, outcome: "success" | "failure", details: Record<string, string | null>, tx?: AuditWriter) {
  return recordAuditEvent({ actor: target.viewer, action, outcome, targetType: "merchant", targetId: target.merchant.id, meta: target.meta, details }, tx);
}

export async function storedHint(merchantId: string): Promise<string | null> {
  const row = await db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchantId }, select: { valueHint: true } });
  return row?.valueHint ?? null;
}

export async function refuseWhileRotating(target: Target, action: string): Promise<void> {
  if (await findOpenRotation(target.merchant.id)) {
    await audit(target, action, "failure", { reason: "rotation_in_flight" });
    throw new AppError("rotation_in_flight", ROTATION_IN_FLIGHT_MESSAGE);
  }
}

/** ClientPay does not say why it refuses an id; whether it has another current one does (docs/clientpay-api.md, Credentials and access IDs). */
async function classifyRejected(client: ClientpayClient, accessId: string): Promise<"expired" | "replaced"> {
  try {
    const current = await client.currentAccessId();
    return current && current !== accessId ? "replaced" : "expired";
  } catch {
    return "expired";
  }
}

export interface RejectedIdContext {
  merchantId: string;
  /** Null for the system (the ClientPay sync, a postback). */
  actor: AuditActor | null;
  meta?: RequestMeta;
  /** What was being done when ClientPay refused the id (an audit detail), e.g. "payment.refund". */
  during: string;
}

/**
 * ClientPay refused the stored id in the middle of some other operation (a refund, a search, a
 * postback's re-read): store at once whether it was expired or replaced, audited, so every page
 * says so and tells an admin to Recover or Issue, instead of each later call failing the same way.
 */
export async function recordRejectedAccessId(client: ClientpayClient, accessId: string, context: RejectedIdContext): Promise<"expired" | "replaced"> {
  const state = await classifyRejected(client, accessId);
  await db.$transaction(async (tx) => {
    await markAccessIdState(tx, context.merchantId, state, context.actor?.email ?? null);
    await recordAuditEvent(
      { actor: context.actor, action: "access_id.rejected", outcome: "failure", targetType: "merchant", targetId: context.merchantId, meta: context.meta, details: { result: state, during: context.during } },
      tx,
    );
  });
  return state;
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** After a call ClientPay accepted: the stored id is known to be valid, checked by this viewer. */
export function markValid(tx: Tx, target: Target): Promise<void> {
  return markAccessIdState(tx, target.merchant.id, "valid", target.viewer.email);
}

export interface StoredIdCall {
  action: string;
  /** The ClientPay call on the stored id; `false` means ClientPay answered "not valid". */
  call: (session: ClientpaySession) => Promise<boolean | void>;
  /** What the stored row becomes once ClientPay accepted the call (same transaction as the audit row). */
  onAccepted: (tx: Tx, target: Target) => Promise<void>;
  /** The audit row's `result` on success. */
  result: string;
  message: (hint: string | null) => string;
}

/**
 * A ClientPay call made with the stored access ID, the one way: open the stored id just
 * before the call (refused, and audited, when none is usable) → make the call → if ClientPay
 * refuses the id, record whether it was expired or replaced → otherwise store the outcome
 * with its audit row. An upstream failure changes nothing and is audited by its reason code.
 */
export async function runStoredIdCall(target: Target, spec: StoredIdCall, deps: GatewayDeps): Promise<AccessIdResult> {
  const client = await clientpayClientFor(target.merchant, deps);
  const hint = await storedHint(target.merchant.id);
  const accessId = await openStoredAccessId(target.merchant.id);
  if (!accessId) {
    await audit(target, spec.action, "failure", { hint, reason: "no_access_id" });
    throw new AppError("no_access_id", NO_ACCESS_ID_MESSAGE);
  }
  let accepted: boolean;
  try {
    accepted = (await spec.call(client.withAccessId(accessId))) !== false;
  } catch (error) {
    if (!isAccessIdRejected(error)) {
      await audit(target, spec.action, "failure", { hint, reason: failureReason(error) });
      throw upstreamFailure(error);
    }
    accepted = false;
  }
  if (!accepted) {
    const state = await classifyRejected(client, accessId);
    await db.$transaction(async (tx) => {
      await markAccessIdState(tx, target.merchant.id, state, target.viewer.email);
      await audit(target, spec.action, "failure", { hint, result: state }, tx);
    });
    return { status: "error", message: rejectionMessage(state) };
  }
  await db.$transaction(async (tx) => {
    await spec.onAccepted(tx, target);
    await audit(target, spec.action, "success", { hint, result: spec.result }, tx);
  });
  return { status: "success", message: spec.message(hint) };
}
