import "server-only";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { clientpayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import type { EndpointSettings } from "@/lib/gateways/endpoints";
import { isAccessIdRejected, type ClientpaySession } from "@/lib/payments/clientpay";
import type { RequestMeta } from "@/lib/request-meta";
import { toAccessIdState, type AccessIdState } from "@/lib/validation/access-ids";
import { recordRejectedAccessId } from "./access-id-calls";
import { failureReason, rejectionMessage, upstreamFailure } from "./access-id-messages";
import { NO_ACCESS_ID_MESSAGE, openStoredAccessId } from "./access-id-store";

/**
 * The one way the ClientPay desk (payments, payment requests, payers, the payments sync, postbacks)
 * calls ClientPay: on the account's stored access ID, opened just before the calls. When ClientPay
 * refuses that id mid-operation, the stored state becomes "expired" or "replaced" at once (the
 * access-ID DAL's own classification) and the caller gets a message saying what an admin can do
 * (Recover or Issue), so later calls do not all fail the same way unexplained.
 */
export interface ClientpayContext {
  merchant: EndpointSettings & { id: string };
  /** Null for system work (the sync, a postback). */
  actor: AuditActor | null;
  meta?: RequestMeta;
  /** What is being done, for the audit row of a refused access ID ("payments.refund"). */
  during: string;
  deps?: GatewayDeps;
}

/** The AppError a refused access ID becomes, once its state is stored. */
export class AccessIdRefusedError extends AppError {
  constructor(readonly state: "expired" | "replaced", options?: { cause?: unknown }) {
    super(`access_id_${state}`, rejectionMessage(state), options);
  }
}

export function isAccessIdRefused(error: unknown): error is AccessIdRefusedError {
  return error instanceof AccessIdRefusedError;
}

/**
 * Runs `calls` on a session bound to the stored access ID. Throws AppError("no_access_id") when
 * none is usable (nothing is sent), AccessIdRefusedError when ClientPay refused it; every other
 * failure passes through unchanged (a money call's runMoneyAttempt reads it).
 */
export async function withClientpaySession<T>(context: ClientpayContext, calls: (session: ClientpaySession) => Promise<T>): Promise<T> {
  const client = await clientpayClientFor(context.merchant, context.deps);
  const accessId = await openStoredAccessId(context.merchant.id);
  if (!accessId) throw new AppError("no_access_id", NO_ACCESS_ID_MESSAGE);
  try {
    return await calls(client.withAccessId(accessId));
  } catch (error) {
    if (!isAccessIdRejected(error)) throw error;
    const state = await recordRejectedAccessId(client, accessId, { merchantId: context.merchant.id, actor: context.actor, meta: context.meta, during: context.during });
    throw new AccessIdRefusedError(state, { cause: error });
  }
}

export interface CallOptions {
  /** What the failure message adds: "Nothing was changed." by default. */
  consequence?: string;
  /** A change (not a read): its failure is audited too, with the reason code (its success is audited with its own write). */
  auditFailure?: { action: string; targetType: string; targetId: string | null; details?: Record<string, string | null> };
}

/** For calls that move no money: a gateway failure becomes a message safe to show (and, for a change, an audit row). */
export async function clientpayCall<T>(context: ClientpayContext, calls: (session: ClientpaySession) => Promise<T>, options: CallOptions = {}): Promise<T> {
  try {
    return await withClientpaySession(context, calls);
  } catch (error) {
    if (options.auditFailure) {
      const { action, targetType, targetId, details } = options.auditFailure;
      await recordAuditEvent({
        actor: context.actor,
        action,
        outcome: "failure",
        targetType,
        targetId: targetId ?? undefined,
        meta: context.meta,
        details: { merchantId: context.merchant.id, ...details, reason: failureReason(error) },
      });
    }
    if (error instanceof AppError) throw error;
    throw upstreamFailure(error, options.consequence ?? "Nothing was changed.");
  }
}

/** What the ClientPay pages say about the account's access ID (never the id itself). */
export interface ClientpayAccessDto {
  /** False when nothing usable is stored (never issued, or expired): ClientPay calls fail. */
  usable: boolean;
  state: AccessIdState;
}

export async function clientpayAccessOf(merchantId: string): Promise<ClientpayAccessDto> {
  const row = await db.clientpayAccessId.findUnique({ where: { merchantAccountId: merchantId }, select: { valueSealed: true, state: true } });
  return { usable: !!row?.valueSealed, state: toAccessIdState(row?.state) };
}
