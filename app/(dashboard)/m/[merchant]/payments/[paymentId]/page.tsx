import Link from "next/link";
import { DetailSource } from "../../../../_components/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { DetailField } from "@/components/ui/detail-field";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { checkRefundAttemptAction } from "@/lib/actions/clientpay";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getClientpayPaymentDetail } from "@/lib/dal/clientpay-payments";
import { formatCents } from "@/lib/format";
import { ClientpayAccessNotice } from "../../_components/clientpay-access-notice";
import { MoneyAttempts } from "../../_components/money-attempts";
import { paymentMethodText } from "@/lib/validation/clientpay-payments";
import { PaymentStatusBadge } from "../_components/payment-status-badge";
import { RefundForm } from "../_components/refund-form";
import { DateTime } from "../../../../_components/date-time";

export const metadata = { title: "ClientPay payment" };

const settledText = (isSettled: boolean | null, settledAt: string | null) =>
  isSettled === null ? "Not reported by ClientPay" : isSettled ? <>Settled{settledAt ? <> <DateTime value={settledAt} /></> : ""}</> : "Not settled yet";

/**
 * One ClientPay payment: everything the API returns, masked (last four only; never a request ID —
 * the hosted page's link is not shown here, since it carries one), and the refund or void.
 */
export default async function ClientpayPaymentPage({ params }: { params: Promise<{ merchant: string; paymentId: string }> }) {
  const viewer = await requirePermission("payments:read");
  const { merchant: slug, paymentId } = await params;
  const detail = await getClientpayPaymentDetail(viewer, slug, decodeURIComponent(paymentId));
  const { payment, plan } = detail;
  const base = `/m/${slug}`;
  const mayRefund = can(viewer.role, "payments:refund");

  return (
    <>
      <PageHeader
        title={`Payment ${payment.paymentId}`}
        description={<>{formatCents(payment.amountCents)} · <DateTime value={payment.paidAt} withZone /></>}
        actions={
          <Link href={`${base}/payments`} className="text-sm text-brand-700 hover:underline">
            ← All payments
          </Link>
        }
      />
      <ClientpayAccessNotice access={detail.access} slug={slug} canFix={can(viewer.role, "access-ids:rotate")} />
      <DetailSource state={detail.source === "live" ? "fresh" : "stale"} gateway="ClientPay" copiedAt={payment.syncedAt} reason={detail.fallbackReason} />
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="flex flex-col gap-6">
          <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="payment-detail">
            <DetailField label="Amount" testId="detail-amount">{formatCents(payment.amountCents)}</DetailField>
            <DetailField label="Status" testId="detail-status"><PaymentStatusBadge status={payment.status} /></DetailField>
            <DetailField label="Settlement" testId="detail-settled">{settledText(payment.isSettled, payment.settledAt)}</DetailField>
            <DetailField label="Paid (ClientPay's time)">{payment.paidAtLocal}</DetailField>
            <DetailField label="Paid"><DateTime value={payment.paidAt} /></DetailField>
            <DetailField label="Method" testId="detail-method">{paymentMethodText(payment)}</DetailField>
            <DetailField label="Payer" testId="detail-payer">
              {payment.payerId ? (
                <Link href={`${base}/payers/${encodeURIComponent(payment.payerId)}`} className="text-brand-700 hover:underline">
                  {payment.payerName ?? "View payer"}
                </Link>
              ) : (
                payment.payerName
              )}
            </DetailField>
            <DetailField label="Payer email">{payment.payerEmail}</DetailField>
            <DetailField label="Invoices" testId="detail-invoices">{payment.invoiceNumbers.join(", ") || null}</DetailField>
            <DetailField label="Order number">{payment.orderId}</DetailField>
            <DetailField label="Description">{payment.description}</DetailField>
            <DetailField label="Tax">{formatCents(payment.taxCents)}</DetailField>
            <DetailField label="Surcharge">{formatCents(payment.surchargeCents)}</DetailField>
            <DetailField label="Refunded" testId="detail-refunded">{formatCents(payment.refundedCents)}</DetailField>
            <DetailField label="Saved payment method">{payment.paymentMethodId}</DetailField>
            <DetailField label="Session ID">{payment.sessionId}</DetailField>
            <DetailField label="Customer reference">{payment.customerRefNumber}</DetailField>
            <DetailField label="Status by type">{payment.statusByType}</DetailField>
            <DetailField label="Hosted page" testId="detail-request">
              {detail.request ? (
                <Link href={`${base}/payment-requests/${detail.request.id}`} className="text-brand-700 hover:underline" data-testid="detail-request-link">
                  Paid on a payment request ({detail.request.status})
                </Link>
              ) : payment.paidOnPage ? (
                `Paid on a ClientPay page${payment.pageStatus ? ` (${payment.pageStatus})` : ""}`
              ) : (
                "Not paid on a hosted page"
              )}
            </DetailField>
            <DetailField label="Last changed at ClientPay">{payment.lastModifiedAt ? <DateTime value={payment.lastModifiedAt} /> : null}</DetailField>
          </dl>
          {payment.refunds.length > 0 && (
            <Card>
              <CardHeader>
                <CardTitle>Refunds and voids</CardTitle>
              </CardHeader>
              <CardBody>
                <ul className="flex flex-col gap-2 text-sm" data-testid="payment-refunds">
                  {payment.refunds.map((refund, index) => (
                    <li key={refund.refundPaymentId ?? `${refund.action}-${index}`} className="flex flex-wrap gap-x-3">
                      <span className="font-medium">{refund.action === "PartialRefund" ? "Partial refund" : refund.action}</span>
                      <span className="tabular-nums">{formatCents(refund.amountCents)}</span>
                      {refund.refundPaymentId && <span className="text-slate-500">#{refund.refundPaymentId}</span>}
                      {refund.refundDateUtc && <span className="text-slate-500"><DateTime value={refund.refundDateUtc} /></span>}
                      {refund.refundNote && <span className="text-slate-600">“{refund.refundNote}”</span>}
                    </li>
                  ))}
                </ul>
              </CardBody>
            </Card>
          )}
          <MoneyAttempts attempts={detail.attempts} slug={slug} check={mayRefund ? checkRefundAttemptAction : null} />
        </div>
        {mayRefund && (
          <div>
            {detail.refundToken && plan.allowed ? (
              <RefundForm slug={slug} paymentId={payment.paymentId} token={detail.refundToken} plan={plan} />
            ) : (
              <Notice data-testid="refund-unavailable">
                {detail.blocking
                  ? "A refund or void of this payment is in progress or its outcome is unknown: check it under Money actions before trying again."
                  : !plan.allowed
                    ? plan.reason
                    : "ClientPay calls for this account are not possible right now (see above), so no refund or void can be sent."}
              </Notice>
            )}
          </div>
        )}
      </div>
    </>
  );
}
