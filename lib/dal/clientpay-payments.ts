import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { ClientpayPayment } from "@/lib/payments/clientpay";
import type { RequestMeta } from "@/lib/request-meta";
import type { ClientpayPaymentQuery, RefundPaymentInput } from "@/lib/validation/clientpay-payments";
import type { Paged } from "@/lib/validation/table-state";
import { formatCents } from "@/lib/format";
import { upstreamFailure } from "./internal/access-id-messages";
import {
  findClientpayPaymentRow,
  listClientpayPaymentRows,
  toClientpayPaymentDto,
  writeClientpayPaymentPage,
  writeClientpayPayments,
  type ClientpayPaymentDto,
  type ClientpayTotals,
} from "./internal/clientpay-payments-store";
import { planRefund, refusalOf, type RefundPlan } from "./internal/clientpay-refund-rules";
import { clientpayAccessOf, withClientpaySession, type ClientpayAccessDto, type ClientpayContext } from "./internal/clientpay-session";
import { clientpayCopyStatus, requestClientpaySync, requestClientpaySyncIfStale, type ClientpayCopyDto } from "./internal/clientpay-sync";
import type { LiveRead } from "./internal/live-read";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { findBlockingAttempt, findReplayedAttempt, IN_FLIGHT_MESSAGE, listMoneyAttempts, runMoneyAttempt, type MoneyAttemptDto } from "./internal/money-attempts";
import { issueMoneyToken } from "./internal/money-token";

export type { ClientpayPaymentDto, ClientpayRefundDto, ClientpayTotals } from "./internal/clientpay-payments-store";
export type { ClientpayAccessDto } from "./internal/clientpay-session";
export type { ClientpayCopyDto } from "./internal/clientpay-sync";
export type { RefundPlan } from "./internal/clientpay-refund-rules";
export type { MoneyAttemptDto } from "./internal/money-attempts";

/**
 * ClientPay payments: the table from the local copy (lib/dal/internal/clientpay-sync.ts keeps
 * it fresh), each payment read live when its page opens, and the Full Refund/Void through the
 * money machinery (lib/dal/internal/money-attempts.ts). Every function checks its permission
 * and resolves the account for this viewer, so another account's payment ids answer "not found".
 */

export interface ClientpayPaymentsPage extends Paged<ClientpayPaymentDto> {
  totals: ClientpayTotals;
  copy: ClientpayCopyDto;
  access: ClientpayAccessDto;
}

export async function listClientpayPayments(viewer: Viewer, merchantSlug: string, query: ClientpayPaymentQuery, deps: GatewayDeps = {}): Promise<ClientpayPaymentsPage> {
  const merchant = await merchantFor(viewer, "payments:read", { slug: merchantSlug });
  // Someone is looking: refresh a stale copy in the background (the page never waits for it).
  await requestClientpaySyncIfStale(merchant.id, { deps });
  const [page, copy, access] = await Promise.all([listClientpayPaymentRows({ merchantAccountId: merchant.id, timeZone: zoneOf(viewer) }, query), clientpayCopyStatus(merchant.id), clientpayAccessOf(merchant.id)]);
  return { ...page, copy, access };
}

/** Refresh: copy the account's payments from ClientPay now (a no-op while a run is going). */
export async function refreshClientpayPayments(viewer: Viewer, merchantSlug: string): Promise<ClientpayCopyDto> {
  const merchant = await merchantFor(viewer, "sync:run", { slug: merchantSlug });
  requestClientpaySync(merchant.id);
  return clientpayCopyStatus(merchant.id);
}

export type ClientpayPaymentDetail = LiveRead & {
  payment: ClientpayPaymentDto;
  /** The payment request (hosted page) it was paid on, when Paydesk made that request. */
  request: { id: string; status: string } | null;
  plan: RefundPlan;
  attempts: MoneyAttemptDto[];
  /** An attempt in flight or whose outcome is unknown: no refund until it is checked. */
  blocking: MoneyAttemptDto | null;
  /** The one-time form token, when this viewer may refund or void it now. */
  refundToken: string | null;
  access: ClientpayAccessDto;
};

function contextFor(viewer: Viewer, merchant: MerchantDto, during: string, deps: GatewayDeps, meta?: RequestMeta): ClientpayContext {
  return { merchant, actor: viewer, meta, during, deps };
}

/**
 * Reads one payment from ClientPay and writes it to the local copy. "gone" when ClientPay has
 * no such payment for this account; a failure leaves the copy as it was and says why.
 */
async function refreshPayment(context: ClientpayContext, paymentId: string): Promise<{ source: "live"; payment: ClientpayPayment } | { source: "gone" } | { source: "mirror"; fallbackReason: string }> {
  try {
    const live = await withClientpaySession(context, (session) => session.getPayment(paymentId));
    if (!live) return { source: "gone" };
    await writeClientpayPaymentPage(context.merchant.id, [live]);
    return { source: "live", payment: live };
  } catch (error) {
    if (error instanceof AppError) return { source: "mirror", fallbackReason: error.userMessage };
    return { source: "mirror", fallbackReason: upstreamFailure(error, "").userMessage.trim() };
  }
}

const REFUND_OPERATION = { gateway: "clientpay", operation: "refund" } as const;

/** One payment: live from ClientPay when it answers in time (and written back), else the local copy, marked. */
export async function getClientpayPaymentDetail(viewer: Viewer, merchantSlug: string, paymentId: string, deps: GatewayDeps = {}): Promise<ClientpayPaymentDetail> {
  const merchant = await merchantFor(viewer, "payments:read", { slug: merchantSlug });
  if (!/^\d{1,20}$/.test(paymentId)) notFound();
  const read = await refreshPayment(contextFor(viewer, merchant, "payments.read", deps), paymentId);
  if (read.source === "gone") {
    // ClientPay (asked with this account's own access ID) has no such payment: drop any copy.
    await db.clientpayPayment.deleteMany({ where: { merchantAccountId: merchant.id, paymentId } });
    notFound();
  }
  const row = await findClientpayPaymentRow(merchant.id, paymentId);
  if (!row) notFound();
  const payment = toClientpayPaymentDto(row);
  const [request, attempts, blocking, access] = await Promise.all([
    row.requestIdHash ? db.clientpayPage.findFirst({ where: { merchantAccountId: merchant.id, kind: "invoice", requestIdHash: row.requestIdHash }, select: { id: true, status: true } }) : null,
    listMoneyAttempts(merchant.id, paymentId),
    findBlockingAttempt(merchant.id, REFUND_OPERATION.gateway, paymentId),
    clientpayAccessOf(merchant.id),
  ]);
  const plan = planRefund(payment);
  const refundToken =
    can(viewer.role, "payments:refund") && plan.allowed && !blocking && access.usable
      ? issueMoneyToken({ viewerId: viewer.id, merchantId: merchant.id, operation: `${REFUND_OPERATION.gateway}.${REFUND_OPERATION.operation}`, targetKey: paymentId })
      : null;
  return {
    source: read.source,
    fallbackReason: read.source === "mirror" ? read.fallbackReason : undefined,
    payment,
    request,
    plan,
    attempts: attempts.filter((attempt) => attempt.gateway === "clientpay"),
    blocking,
    refundToken,
    access,
  };
}

/**
 * Full Refund/Void of one payment, once: the guardrails run on a fresh read (the page may be
 * old), then runMoneyAttempt stores the attempt before the call, the request ID is sealed on it
 * (rememberRequestId) before it is sent, and the result, the local copy and the audit row are
 * written together. An unknown outcome blocks the payment until checkClientpayAttempt reads it.
 */
export async function refundClientpayPayment(viewer: Viewer, merchantSlug: string, input: RefundPaymentInput, meta: RequestMeta, deps: GatewayDeps = {}): Promise<MoneyAttemptDto> {
  const merchant = await merchantFor(viewer, "payments:refund", { slug: merchantSlug });
  const submit = { viewer, merchantId: merchant.id, ...REFUND_OPERATION, targetKey: input.paymentId, token: input.token };
  // A replay answers with the first submit's attempt, before guardrails its success now fails.
  const replayed = await findReplayedAttempt(submit);
  if (replayed) return replayed;
  if (await findBlockingAttempt(merchant.id, REFUND_OPERATION.gateway, input.paymentId)) throw new AppError("money_in_flight", IN_FLIGHT_MESSAGE);
  const context = contextFor(viewer, merchant, "payments.refund", deps, meta);
  const read = await refreshPayment(context, input.paymentId);
  if (read.source === "gone") throw new AppError("not_found", "ClientPay has no such payment for this account.");
  if (read.source === "mirror") throw new AppError("read_failed", `${read.fallbackReason} Nothing was sent: the payment must be read just before a refund or void.`);
  const payment = read.payment;
  const plan = planRefund({ status: payment.paymentStatus ?? "Unknown", amountCents: payment.amountCents, refundedCents: payment.refundedAmountCents, isSettled: payment.isSettled });
  const refusal = refusalOf(plan, input.enableRemainingAmountRefunds);
  if (refusal || !plan.allowed) throw new AppError("refund_refused", `${refusal} Nothing was sent.`);

  return runMoneyAttempt({
    ...submit,
    meta,
    targetType: "payment",
    amountCents: plan.amountCents,
    reason: { code: plan.action, text: input.refundNote || null },
    details: { paymentId: input.paymentId, expected: plan.action, statusBefore: payment.paymentStatus, refundedBeforeCents: payment.refundedAmountCents, remainingOnly: plan.remainingOnly },
    send: ({ rememberRequestId }) =>
      withClientpaySession(context, (session) =>
        session.refundOrVoid(
          {
            paymentId: input.paymentId,
            refundNote: input.refundNote || undefined,
            // Only for a payment already partly refunded (docs/clientpay-api.md, "Refund or void").
            enableRemainingAmountRefunds: plan.remainingOnly ? true : undefined,
          },
          { onRequestId: (requestId) => rememberRequestId(requestId.reveal()) },
        ),
      ),
    settle: (result) => ({
      status: "succeeded",
      resultRef: result.refundPaymentId ?? result.paymentId ?? input.paymentId,
      resultCode: result.action,
      message:
        result.action === "Void"
          ? `Voided: ClientPay will not collect the ${formatCents(result.amountCents ?? plan.amountCents)}.`
          : `Refunded ${formatCents(result.amountCents ?? plan.amountCents)}${result.refundPaymentId ? ` (refund ${result.refundPaymentId})` : ""}.`,
    }),
    applyToMirror: (tx, result) => writeClientpayPayments(tx, merchant.id, [afterRefund(payment, result, input.refundNote, plan.amountCents)]).then(() => undefined),
  });
}

/** The payment as the refund's answer leaves it, so the table shows it at once (the next read confirms it). */
function afterRefund(payment: ClientpayPayment, result: { action: string | null; refundPaymentId: string | null; amountCents: number | null }, note: string, planned: number): ClientpayPayment {
  const amountCents = result.amountCents ?? planned;
  const voided = result.action === "Void";
  return {
    ...payment,
    paymentStatus: voided ? "Voided" : "Refunded",
    refundedAmountCents: voided ? payment.refundedAmountCents : payment.refundedAmountCents + amountCents,
    refunds: [
      ...payment.refunds,
      { refundPaymentId: result.refundPaymentId, requestId: null, action: result.action, amountCents, refundNote: note || null, orderId: null, refundDateUtc: new Date().toISOString() },
    ],
    lastModifiedUtc: new Date().toISOString(),
  };
}
