import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Db, type Prisma } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { isGatewayError, isOutcomeUnknown } from "@/lib/payments/http";
import type { RequestMeta } from "@/lib/request-meta";
import { openSecret, sealSecret } from "@/lib/vault";
import { checkMoneyToken, type MoneyTokenBinding } from "./money-token";

/**
 * The one way money moves (GUIDE "Moving money"), for both gateways:
 *  1. the form's one-time token is checked and its nonce inserted as an attempt row (unique)
 *     BEFORE the gateway is called — a second submit of the token returns the first result;
 *  2. the call is made once and never retried;
 *  3. success, decline and definite failure are recorded with the gateway's reference; an
 *     answer that never came (timeout, reset, 5xx, garbled body) is recorded as "unknown";
 *  4. the mirror update and the audit row are written in the same transaction as the result;
 *  5. while an attempt on a target is in flight or unknown, no other attempt on that target
 *     may start (unique blockingKey) until a read has reconciled it.
 * Guardrails (refundable amount, settlement, auth-only) belong to each operation's DAL code,
 * which runs them before calling here.
 */

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type AttemptStatus = "pending" | "succeeded" | "declined" | "failed" | "unknown";
type Gateway = "usaepay" | "clientpay";

/** A pending attempt older than this died with its process (every gateway call times out sooner). */
export const PENDING_GIVES_UP_AFTER_MS = 5 * 60 * 1000;

export interface MoneyAttemptDto {
  id: string;
  gateway: Gateway;
  operation: string;
  targetKey: string;
  /** "pending" older than PENDING_GIVES_UP_AFTER_MS reads as "unknown". */
  status: AttemptStatus;
  amountCents: number | null;
  reasonCode: string | null;
  reasonText: string | null;
  actorEmail: string | null;
  startedAt: string;
  finishedAt: string | null;
  resultRef: string | null;
  resultKey: string | null;
  resultCode: string | null;
  /** Safe to show. */
  message: string | null;
  reconciledAt: string | null;
  /** True when this submit found an earlier attempt with the same token and made no call. */
  replayed: boolean;
}

/**
 * What a gateway's answer means. USAePay answers a decline (and a refusal such as "amount exceeds
 * the original") with HTTP 200, so the operation decides: "failed" is a definite no that moved nothing.
 */
export interface Settlement {
  status: "succeeded" | "declined" | "failed";
  resultRef?: string | null;
  resultKey?: string | null;
  resultCode?: string | null;
  message: string;
  /** Facts only the answer tells (e.g. the status after), added to the attempt's details and audit row. */
  details?: Record<string, Prisma.InputJsonValue | null>;
}

type Details = Record<string, Prisma.InputJsonValue | null>;

export interface MoneyCall<T> {
  viewer: Viewer;
  meta: RequestMeta;
  merchantId: string;
  gateway: Gateway;
  operation: string;
  targetKey: string;
  /** For the audit row: "transaction", "customer", "payer", "payment", "payment_page". */
  targetType: string;
  /** The one-time token from the form. */
  token: string;
  amountCents?: number | null;
  reason?: { code: string; text?: string | null } | null;
  /** Masked facts for the audit row and the page (card hint, customer, before-status …). */
  details?: Details;
  /**
   * The operation's guardrails (refundable amount, settlement, auth-only …), run after the attempt
   * row holds the target and before anything is sent, so a second submit waits behind them or
   * replays the first. An AppError refuses with its message; any failure here is recorded as
   * "failed" (nothing was sent), never "unknown". May return masked facts it read, for the details.
   */
  guard?: () => Promise<Details | void>;
  /**
   * Makes the gateway call — exactly once. A ClientPay call hands the request ID it is about to
   * use to `rememberRequestId` and waits for it, so an unknown outcome can be searched for later.
   */
  send: (hooks: { rememberRequestId(requestId: string): Promise<void> }) => Promise<T>;
  settle: (result: T) => Settlement;
  /** Writes a success into the local copy, in the transaction that records it, so tables show it at once. */
  applyToMirror?: (tx: Tx, result: T) => Promise<void>;
  now?: () => Date;
}

type Row = Prisma.MoneyAttemptGetPayload<object>;

const REQUEST_ID_FIELD = { table: "MoneyAttempt", field: "requestId" } as const;

function effectiveStatus(row: Pick<Row, "status" | "startedAt">, now: Date): AttemptStatus {
  if (row.status === "pending" && now.getTime() - row.startedAt.getTime() > PENDING_GIVES_UP_AFTER_MS) return "unknown";
  return row.status as AttemptStatus;
}

export function toMoneyAttemptDto(row: Row, now: Date = new Date(), replayed = false): MoneyAttemptDto {
  return {
    id: row.id,
    gateway: row.gateway as Gateway,
    operation: row.operation,
    targetKey: row.targetKey,
    status: effectiveStatus(row, now),
    amountCents: row.amountCents,
    reasonCode: row.reasonCode,
    reasonText: row.reasonText,
    actorEmail: row.actorEmail,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    resultRef: row.resultRef,
    resultKey: row.resultKey,
    resultCode: row.resultCode,
    message: row.message,
    reconciledAt: row.reconciledAt?.toISOString() ?? null,
    replayed,
  };
}

function blockingKeyOf(merchantId: string, gateway: Gateway, targetKey: string): string {
  return `${merchantId}:${gateway}:${targetKey}`;
}

const TOKEN_MESSAGES = {
  malformed: "This form is not valid any more. Reload the page and try again.",
  forged: "This form was made for a different action. Reload the page and try again.",
  expired: "This form has expired. Reload the page and try again; nothing was sent.",
} as const;

/**
 * Why a call that threw did or did not move money. The HTTP base flags a write that may have
 * been acted on without an answer (outcomeUnknown); any other gateway error was refused before
 * anything happened. An error of our own code mid-call is treated as unknown: it might have
 * come after the request left.
 */
function outcomeOfFailure(error: unknown): { status: "declined" | "failed" | "unknown"; code: string; message: string } {
  if (error instanceof AppError) return { status: "failed", code: error.code, message: `${error.userMessage} Nothing was sent.` };
  if (!isGatewayError(error)) return { status: "unknown", code: "internal_error", message: UNKNOWN_MESSAGE };
  const code = `${error.kind}${error.upstreamCode ? `:${error.upstreamCode}` : ""}`;
  if (isOutcomeUnknown(error)) return { status: "unknown", code, message: UNKNOWN_MESSAGE };
  if (error.kind === "declined") return { status: "declined", code, message: error.userMessage };
  return { status: "failed", code, message: `${error.userMessage} Nothing was moved.` };
}

export const IN_FLIGHT_MESSAGE = "Another payment action on this record is in progress or its outcome is not known yet. Check it before trying again.";

export const UNKNOWN_MESSAGE =
  "The payment service did not answer, so whether this went through is not known yet. Nothing will be sent again until it is checked: use “Check the outcome”.";

async function findByNonce(nonce: string) {
  return db.moneyAttempt.findUnique({ where: { token: nonce } });
}

type AuditedCall = Pick<MoneyCall<unknown>, "viewer" | "meta" | "merchantId" | "gateway" | "operation" | "targetKey" | "targetType" | "details">;

async function auditAttempt(call: AuditedCall, row: Row, client: Tx, event: "attempt" | "reconcile" = "attempt") {
  await recordAuditEvent(
    {
      actor: call.viewer,
      action: `money.${call.gateway}.${call.operation}${event === "reconcile" ? ".reconcile" : ""}`,
      outcome: row.status === "succeeded" ? "success" : "failure",
      targetType: call.targetType,
      targetId: call.targetKey,
      meta: call.meta,
      details: {
        merchantId: call.merchantId,
        attemptId: row.id,
        status: row.status,
        amountCents: row.amountCents,
        reasonCode: row.reasonCode,
        reasonText: row.reasonText,
        resultRef: row.resultRef,
        resultCode: row.resultCode,
        ...call.details,
      },
    },
    client,
  );
}

/** Checks a form's token for what it is about to do and names its nonce; an AppError (safe to show) otherwise. */
export function verifyMoneyToken(token: string, binding: MoneyTokenBinding, now: Date = new Date()): string {
  const check = checkMoneyToken(token, binding, now.getTime());
  if (!check.ok) throw new AppError(`token_${check.reason}`, TOKEN_MESSAGES[check.reason]);
  return check.nonce;
}

type FormSubmit = Pick<MoneyCall<unknown>, "viewer" | "merchantId" | "gateway" | "operation" | "targetKey" | "token" | "now">;

/** The form token's nonce, once it is known to be this viewer's form for this operation and target. */
function checkedNonce(call: FormSubmit, now: Date): string {
  return verifyMoneyToken(call.token, { viewerId: call.viewer.id, merchantId: call.merchantId, operation: `${call.gateway}.${call.operation}`, targetKey: call.targetKey }, now);
}

/**
 * The attempt an earlier submit of this same form made (replayed: true), or null. For operations
 * whose guardrails read the gateway first: a replay must get the first submit's answer, not a
 * refusal from guardrails that the first submit's own success now fails ("already refunded").
 * Throws, like runMoneyAttempt, for a token that is not this viewer's for this target.
 */
export async function findReplayedAttempt(call: FormSubmit): Promise<MoneyAttemptDto | null> {
  const now = call.now ?? (() => new Date());
  const earlier = await findByNonce(checkedNonce(call, now()));
  return earlier ? toMoneyAttemptDto(earlier, now(), true) : null;
}

/** Runs one money call under the rules above. Throws AppError only when nothing was attempted. */
export async function runMoneyAttempt<T>(call: MoneyCall<T>): Promise<MoneyAttemptDto> {
  const now = call.now ?? (() => new Date());
  const nonce = checkedNonce(call, now());

  const earlier = await findByNonce(nonce);
  if (earlier) return toMoneyAttemptDto(earlier, now(), true);

  let row: Row;
  try {
    row = await db.moneyAttempt.create({
      data: {
        token: nonce,
        merchantAccountId: call.merchantId,
        gateway: call.gateway,
        operation: call.operation,
        targetKey: call.targetKey,
        blockingKey: blockingKeyOf(call.merchantId, call.gateway, call.targetKey),
        amountCents: call.amountCents ?? null,
        reasonCode: call.reason?.code ?? null,
        reasonText: call.reason?.text ?? null,
        actorId: call.viewer.id,
        actorEmail: call.viewer.email,
        ip: call.meta.ip,
        startedAt: now(),
        details: call.details,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either the same token won a race (a double click): answer with its attempt; or another
    // attempt on this target is in flight or unknown: refuse without calling.
    const raced = await findByNonce(nonce);
    if (raced) return toMoneyAttemptDto(raced, now(), true);
    throw new AppError("money_in_flight", IN_FLIGHT_MESSAGE);
  }

  let guarded: Details = {};
  try {
    guarded = (await call.guard?.()) ?? {};
  } catch (error) {
    const message = error instanceof AppError ? `${error.userMessage} Nothing was sent.` : "The checks before sending could not be completed. Nothing was sent.";
    if (!(error instanceof AppError)) logger.warn({ attemptId: row.id, operation: call.operation, err: error }, "money: guard failed");
    return finish(call, row, { status: "failed", resultCode: error instanceof AppError ? error.code : "guard_error", message }, undefined, now);
  }

  let settled: Outcome;
  let result: T | undefined;
  try {
    result = await call.send({
      rememberRequestId: async (requestId) => {
        const sealed = sealSecret(requestId, REQUEST_ID_FIELD.table, row.id, REQUEST_ID_FIELD.field);
        await db.moneyAttempt.update({ where: { id: row.id }, data: { requestIdSealed: sealed.sealed } });
      },
    });
    settled = call.settle(result);
  } catch (error) {
    const failure = outcomeOfFailure(error);
    settled = { status: failure.status, resultCode: failure.code, message: failure.message };
    if (failure.status === "unknown") logger.warn({ attemptId: row.id, operation: call.operation, code: failure.code }, "money: outcome unknown");
  }

  return finish(call, row, { ...settled, details: { ...guarded, ...settled.details } }, result, now);
}

type Outcome = { status: AttemptStatus; resultRef?: string | null; resultKey?: string | null; resultCode?: string | null; message: string; details?: Details };

async function finish<T>(call: MoneyCall<T>, row: Row, settled: Outcome, result: T | undefined, now: () => Date): Promise<MoneyAttemptDto> {
  const details = { ...call.details, ...settled.details };
  try {
    const updated = await db.$transaction(async (tx) => {
      const saved = await tx.moneyAttempt.update({
        where: { id: row.id },
        data: {
          status: settled.status,
          finishedAt: now(),
          resultRef: settled.resultRef ?? null,
          resultKey: settled.resultKey ?? null,
          resultCode: settled.resultCode ?? null,
          message: settled.message,
          details,
          // Unknown keeps the target blocked until a read tells what happened.
          blockingKey: settled.status === "unknown" ? row.blockingKey : null,
        },
      });
      if (settled.status === "succeeded" && result !== undefined) await call.applyToMirror?.(tx, result);
      await auditAttempt({ ...call, details }, saved, tx);
      return saved;
    });
    return toMoneyAttemptDto(updated, now());
  } catch (error) {
    // The gateway answered but recording it failed: the row stays "pending" (read as unknown
    // once stale), the target stays blocked, and reconciliation finds the gateway's record.
    logger.error({ attemptId: row.id, operation: call.operation, err: error }, "money: recording the gateway's answer failed");
    throw new AppError("money_record_failed", "The payment service answered, but saving its answer failed. Nothing will be sent again; check the outcome on this page shortly.", { cause: error });
  }
}

// ---- reading and reconciling -------------------------------------------------------------

export async function listMoneyAttempts(merchantId: string, targetKey: string, now: Date = new Date()): Promise<MoneyAttemptDto[]> {
  const rows = await db.moneyAttempt.findMany({ where: { merchantAccountId: merchantId, targetKey }, orderBy: { startedAt: "desc" }, take: 50 });
  return rows.map((row) => toMoneyAttemptDto(row, now));
}

/** The attempt a form's token already made, if any (a replayed form answers with it). */
export async function findAttemptByNonce(nonce: string, now: Date = new Date()): Promise<MoneyAttemptDto | null> {
  const row = await findByNonce(nonce);
  return row ? toMoneyAttemptDto(row, now, true) : null;
}

/** How many attempts this target has had: the `generation` its next forms' tokens are issued with. */
export async function attemptGeneration(merchantId: string, gateway: Gateway, targetKey: string): Promise<number> {
  return db.moneyAttempt.count({ where: { merchantAccountId: merchantId, gateway, targetKey } });
}

/** The attempt that blocks new ones on this target (in flight or unknown), if any. */
export async function findBlockingAttempt(merchantId: string, gateway: Gateway, targetKey: string, now: Date = new Date()): Promise<MoneyAttemptDto | null> {
  const row = await db.moneyAttempt.findUnique({ where: { blockingKey: blockingKeyOf(merchantId, gateway, targetKey) } });
  return row ? toMoneyAttemptDto(row, now) : null;
}

export type Lookup<T> =
  | { found: true; settlement: Settlement; result: T }
  | { found: false; message?: string };

export interface Reconcile<T> {
  viewer: Viewer;
  meta: RequestMeta;
  merchantId: string;
  attemptId: string;
  targetType: string;
  /**
   * Reads the gateway for the attempt's effect (the original transaction and its linked refunds;
   * a ClientPay search by request ID). Must only read: it may be called more than once.
   */
  lookup: (attempt: { id: string; targetKey: string; amountCents: number | null; startedAt: Date; requestId: string | null }) => Promise<Lookup<T>>;
  applyToMirror?: (tx: Tx, result: T) => Promise<void>;
  now?: () => Date;
}

/** Settles an unknown (or dead pending) attempt from what the gateway shows; frees the target. */
export async function reconcileMoneyAttempt<T>(input: Reconcile<T>): Promise<MoneyAttemptDto> {
  const now = input.now ?? (() => new Date());
  const row = await db.moneyAttempt.findFirst({ where: { id: input.attemptId, merchantAccountId: input.merchantId } });
  if (!row) throw new AppError("not_found", "That payment attempt does not exist.");
  if (effectiveStatus(row, now()) !== "unknown") return toMoneyAttemptDto(row, now());

  const requestId = row.requestIdSealed ? openSecret(row.requestIdSealed, REQUEST_ID_FIELD.table, row.id, REQUEST_ID_FIELD.field) : null;
  // A failed read changes nothing: the attempt stays unknown and blocking.
  const found = await input.lookup({ id: row.id, targetKey: row.targetKey, amountCents: row.amountCents, startedAt: row.startedAt, requestId });
  const call = { viewer: input.viewer, meta: input.meta, merchantId: input.merchantId, gateway: row.gateway as Gateway, operation: row.operation, targetKey: row.targetKey, targetType: input.targetType };

  const updated = await db.$transaction(async (tx) => {
    // Only one reconciliation settles it: the status guard makes a concurrent second one a no-op.
    const { count } = await tx.moneyAttempt.updateMany({
      where: { id: row.id, status: { in: ["unknown", "pending"] } },
      data: found.found
        ? {
            status: found.settlement.status,
            resultRef: found.settlement.resultRef ?? null,
            resultKey: found.settlement.resultKey ?? null,
            resultCode: found.settlement.resultCode ?? null,
            message: `Checked with the payment service: ${found.settlement.message}`,
            ...(found.settlement.details ? { details: { ...(row.details as Details | null), ...found.settlement.details } } : {}),
            blockingKey: null,
            reconciledAt: now(),
            reconciledByEmail: input.viewer.email,
            finishedAt: row.finishedAt ?? now(),
          }
        : {
            status: "failed",
            message: found.message ?? "Checked with the payment service: it has no record of this, so nothing was moved. You may try again.",
            blockingKey: null,
            reconciledAt: now(),
            reconciledByEmail: input.viewer.email,
            finishedAt: row.finishedAt ?? now(),
          },
    });
    const saved = await tx.moneyAttempt.findUniqueOrThrow({ where: { id: row.id } });
    if (count === 0) return saved;
    if (found.found && found.settlement.status === "succeeded") await input.applyToMirror?.(tx, found.result);
    await auditAttempt({ ...call, details: (saved.details as Details | null) ?? undefined }, saved, tx, "reconcile");
    return saved;
  });
  return toMoneyAttemptDto(updated, now());
}
