import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import { isGatewayError } from "@/lib/payments/http";
import type { ClientpayPayment } from "@/lib/payments/clientpay";
import type { RequestMeta } from "@/lib/request-meta";
import { formatCents } from "@/lib/format";
import { upstreamFailure } from "./internal/access-id-messages";
import { writeClientpayPayments } from "./internal/clientpay-payments-store";
import { withClientpaySession, type ClientpayContext } from "./internal/clientpay-session";
import { assertCan } from "./internal/guards";
import { merchantFor } from "./internal/merchant-access";
import { reconcileMoneyAttempt, type Lookup, type MoneyAttemptDto } from "./internal/money-attempts";

/**
 * "Check the outcome" of a ClientPay money attempt whose answer never came (a refund or void, a
 * charge of a saved method, a payment request's page): one search by the attempt's own request ID,
 * which finds the payment it made or the payment its refund reversed (docs/clientpay-api.md,
 * "Payment search"). Until this settles it, runMoneyAttempt refuses another attempt on the target.
 */
const PERMISSION_OF: Record<string, Permission> = {
  refund: "payments:refund",
  charge: "payers:charge",
  payment_page: "payment-requests:create",
};
const TARGET_TYPE_OF: Record<string, string> = { refund: "payment", charge: "payer", payment_page: "payment_request" };

type Found = Lookup<ClientpayPayment | null>;

function lookupFor(operation: string, context: ClientpayContext) {
  return async ({ requestId }: { requestId: string | null }): Promise<Found> => {
    // The request ID is stored before the call is sent; none stored means nothing was sent.
    if (!requestId) return { found: false, message: "Checked: the call never went out, so nothing was moved. You may try again." };
    return withClientpaySession(context, async (session) => {
      const payments = await session.findPaymentsByRequestId(requestId);
      if (operation === "refund") {
        for (const payment of payments) {
          const refund = payment.refunds.find((candidate) => candidate.requestId?.matches(requestId));
          if (refund) {
            const done = refund.action === "Void" ? `voided ${formatCents(refund.amountCents)}` : `refunded ${formatCents(refund.amountCents)}`;
            return { found: true, result: payment, settlement: { status: "succeeded", resultRef: refund.refundPaymentId ?? payment.paymentId, resultCode: refund.action, message: `ClientPay ${done}.` } };
          }
        }
        return { found: false };
      }
      if (operation === "charge") {
        const payment = payments.find((candidate) => candidate.requestId?.matches(requestId));
        if (!payment) return { found: false };
        const approved = payment.paymentStatus !== "Declined";
        return {
          found: true,
          result: payment,
          settlement: { status: approved ? "succeeded" : "declined", resultRef: payment.paymentId, resultCode: payment.paymentStatus, message: approved ? `Charged ${formatCents(payment.amountCents)} (payment ${payment.paymentId}).` : "The charge was declined." },
        };
      }
      // A page creation leaves no payment to find. Whether the page exists is answered by expiring
      // it (idempotent): its link was never handed out, so nobody could have used it.
      try {
        await session.expirePage(requestId);
      } catch (error) {
        if (isGatewayError(error) && error.kind === "not_found") return { found: false };
        throw error;
      }
      return { found: false, message: "Checked: ClientPay had created the page, but its link never reached Paydesk, so the page was expired. Create the request again." };
    });
  };
}

export async function checkClientpayAttempt(viewer: Viewer, merchantSlug: string, attemptId: string, meta: RequestMeta, deps: GatewayDeps = {}): Promise<MoneyAttemptDto> {
  const merchant = await merchantFor(viewer, Object.values(PERMISSION_OF), { slug: merchantSlug });
  const attempt = await db.moneyAttempt.findFirst({ where: { id: attemptId, merchantAccountId: merchant.id, gateway: "clientpay" }, select: { operation: true } });
  if (!attempt || !PERMISSION_OF[attempt.operation]) throw new AppError("not_found", "That payment attempt does not exist.");
  assertCan(viewer, PERMISSION_OF[attempt.operation]!);
  const context: ClientpayContext = { merchant, actor: viewer, meta, during: `attempts.check.${attempt.operation}`, deps };
  try {
    return await reconcileMoneyAttempt<ClientpayPayment | null>({
      viewer,
      meta,
      merchantId: merchant.id,
      attemptId,
      targetType: TARGET_TYPE_OF[attempt.operation]!,
      lookup: lookupFor(attempt.operation, context),
      applyToMirror: async (tx, payment) => {
        if (payment) await writeClientpayPayments(tx, merchant.id, [payment]);
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The read failed: the attempt stays unknown and keeps blocking its target.
    throw upstreamFailure(error, "The outcome is still unknown; try the check again shortly.");
  }
}
