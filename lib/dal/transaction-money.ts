import "server-only";
import type { ActionState } from "@/lib/actions/action-state";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { RequestMeta } from "@/lib/request-meta";
import type { AdjustInput, CaptureInput, RefundInput, VoidInput } from "@/lib/validation/money-actions";
import type { MoneyReason } from "@/lib/validation/money-reasons";
import { assertCan } from "./internal/guards";
import { merchantFor } from "./internal/merchant-access";
import { findAttemptByNonce, verifyMoneyToken } from "./internal/money-attempts";
import { auditDecision, claimApproval, createApprovalRequest, findApproval, findApprovalByNonce, linkApprovalAttempt, requestMessage } from "./internal/usaepay-money/approvals";
import { attemptState, bindingFor, isUsaepayOperation, maskedFacts, OPERATIONS, type MoneyContext } from "./internal/usaepay-money/context";
import { readTransactionFacts } from "./internal/usaepay-money/facts";
import { reconcileUsaepayAttempt } from "./internal/usaepay-money/reconcile";
import { adjustOnce, captureOnce, checkRefund, refundOnce, voidOnce } from "./internal/usaepay-money/transaction-ops";

/**
 * Moving money on a USAePay transaction from its page. Each function checks its own permission
 * and resolves the account for this viewer (another account's transaction is "not found"), then
 * hands the work to the money machinery (lib/dal/internal/money-attempts.ts): the form's one-time
 * token, the guardrails on a fresh read, exactly one gateway call, the mirror and the audit log.
 * The result is an ActionState whose message is safe to show.
 */
type Deps = Pick<GatewayDeps, "fetch">;

async function contextFor(viewer: Viewer, slug: string, permission: Permission, meta: RequestMeta, deps?: Deps): Promise<MoneyContext> {
  return { viewer, meta, merchant: await merchantFor(viewer, permission, { slug }), deps };
}

/** A refund, or, above the account's limit, a request for a second person's approval. */
export async function refundTransaction(viewer: Viewer, slug: string, input: Omit<RefundInput, "merchant">, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const ctx = await contextFor(viewer, slug, "transactions:refund", meta, deps);
  const { refundApprovalAboveCents: limit } = await db.merchantAccount.findUniqueOrThrow({ where: { id: ctx.merchant.id }, select: { refundApprovalAboveCents: true } });
  if (limit !== null && input.amount > limit) return requestRefundApproval(ctx, input, limit);
  return attemptState(await refundOnce(ctx, { key: input.key, token: input.token, amountCents: input.amount, reasonCode: input.reasonCode, reasonText: input.reasonText }));
}

async function requestRefundApproval(ctx: MoneyContext, input: Omit<RefundInput, "merchant">, limit: number): Promise<ActionState> {
  const nonce = verifyMoneyToken(input.token, bindingFor(ctx, "refund", input.key));
  // The same form sent again answers with what it did the first time.
  const attempt = await findAttemptByNonce(nonce);
  if (attempt) return attemptState(attempt);
  if (await findApprovalByNonce(nonce)) return { status: "success", message: `This form was already sent. ${requestMessage(limit)}` };
  const facts = await readTransactionFacts(ctx.merchant, input.key, { missing: "app_error", deps: ctx.deps });
  checkRefund(facts, input.amount);
  const { created } = await createApprovalRequest({
    viewer: ctx.viewer,
    meta: ctx.meta,
    merchantId: ctx.merchant.id,
    nonce,
    transactionKey: input.key,
    amountCents: input.amount,
    limitCents: limit,
    reason: input,
    facts: { ...maskedFacts(facts.transaction), originalCents: facts.transaction.amountCents },
  });
  return { status: "success", message: created ? requestMessage(limit) : `This form was already sent. ${requestMessage(limit)}` };
}

export async function voidTransaction(viewer: Viewer, slug: string, input: Omit<VoidInput, "merchant">, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const ctx = await contextFor(viewer, slug, "transactions:void", meta, deps);
  return attemptState(await voidOnce(ctx, { key: input.key, token: input.token, release: input.release, reasonCode: input.reasonCode, reasonText: input.reasonText }));
}

export async function captureTransaction(viewer: Viewer, slug: string, input: Omit<CaptureInput, "merchant">, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const ctx = await contextFor(viewer, slug, "transactions:capture", meta, deps);
  return attemptState(await captureOnce(ctx, { key: input.key, token: input.token, amountCents: input.amount, reasonCode: input.reasonCode, reasonText: input.reasonText }));
}

export async function adjustTransaction(viewer: Viewer, slug: string, input: Omit<AdjustInput, "merchant">, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const ctx = await contextFor(viewer, slug, "transactions:adjust", meta, deps);
  return attemptState(await adjustOnce(ctx, { key: input.key, token: input.token, amountCents: input.amount, reasonCode: input.reasonCode, reasonText: input.reasonText }));
}

/**
 * "Check the outcome" of an attempt whose answer never came: reads USAePay (never sends again)
 * and settles it. Whoever may make that kind of attempt may check it.
 */
export async function checkMoneyOutcome(viewer: Viewer, slug: string, attemptId: string, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const merchant = await merchantFor(viewer, Object.values(OPERATIONS).map((operation) => operation.permission), { slug });
  const attempt = await db.moneyAttempt.findFirst({ where: { id: attemptId, merchantAccountId: merchant.id, gateway: "usaepay" }, select: { operation: true } });
  if (!attempt || !isUsaepayOperation(attempt.operation)) throw new AppError("not_found", "That payment attempt does not exist.");
  assertCan(viewer, OPERATIONS[attempt.operation].permission);
  const settled = await reconcileUsaepayAttempt({ viewer, meta, merchant, deps }, attemptId, attempt.operation);
  if (settled.status === "unknown" || settled.status === "pending") return { status: "error", message: "USAePay still could not be asked. Try again in a moment; nothing was sent." };
  return { status: settled.status === "succeeded" ? "success" : "error", message: settled.message ?? "Checked." };
}

/** Another manager or admin approves a refund request: the refund then runs with the approver's token. */
export async function approveRefundRequest(viewer: Viewer, slug: string, input: { request: string; token: string }, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const ctx = await contextFor(viewer, slug, "refunds:approve", meta, deps);
  assertCan(viewer, "transactions:refund");
  const request = await findApproval(ctx.merchant.id, input.request);
  if (!request) throw new AppError("not_found", "That refund request does not exist.");
  const nonce = verifyMoneyToken(input.token, bindingFor(ctx, "refund", request.transactionKey));
  const earlier = await findAttemptByNonce(nonce);
  if (earlier) return attemptState(earlier);
  const approved = await claimApproval(viewer, ctx.merchant.id, request.id, "approved");
  const attempt = await refundOnce(ctx, {
    key: approved.transactionKey,
    token: input.token,
    amountCents: approved.amountCents,
    reasonCode: approved.reasonCode as MoneyReason,
    reasonText: [approved.reasonText, `approved by ${viewer.email} for ${approved.requestedByEmail}`].filter(Boolean).join(" — "),
  });
  await linkApprovalAttempt(approved.id, attempt.id);
  await auditDecision(viewer, meta, ctx.merchant.id, approved, { attemptId: attempt.id, refund: attempt.status });
  const state = attemptState(attempt);
  return { ...state, message: state.status === "success" ? `Approved. ${state.message}` : `Approved, but the refund did not go through: ${state.message}` };
}

export async function rejectRefundRequest(viewer: Viewer, slug: string, input: { request: string; note?: string }, meta: RequestMeta): Promise<ActionState> {
  const ctx = await contextFor(viewer, slug, "refunds:approve", meta);
  const rejected = await claimApproval(viewer, ctx.merchant.id, input.request, "rejected", input.note);
  await auditDecision(viewer, meta, ctx.merchant.id, rejected);
  return { status: "success", message: "Rejected: nothing was refunded." };
}
