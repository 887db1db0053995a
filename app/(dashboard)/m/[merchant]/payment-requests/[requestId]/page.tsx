import Link from "next/link";
import { ActionButton } from "@/components/forms/action-button";
import { PageHeader } from "@/components/shell/page-header";
import { DetailField } from "@/components/ui/detail-field";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { checkPaymentRequestAction, checkRequestAttemptAction, expirePaymentRequestAction } from "@/lib/actions/clientpay";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { getPaymentRequest } from "@/lib/dal/payment-requests";
import { formatCents } from "@/lib/format";
import { ClientpayAccessNotice } from "../../_components/clientpay-access-notice";
import { MoneyAttempts } from "../../_components/money-attempts";
import { CopyLink } from "../_components/copy-link";
import { RequestStatusBadge } from "../_components/request-status-badge";
import { DateTime } from "../../../../_components/date-time";

export const metadata = { title: "Payment request" };

/** The email a person sends from their own mail program: Paydesk sends no mail itself. */
function mailtoFor(merchantName: string, request: { payerEmail: string | null; payerName: string | null; amountCents: number; dueDate: string | null }, url: string): string | null {
  if (!request.payerEmail) return null;
  const subject = `Payment request from ${merchantName}`;
  const body = [
    `Dear ${request.payerName ?? "client"},`,
    "",
    `Please pay ${formatCents(request.amountCents)}${request.dueDate ? ` by ${request.dueDate}` : ""} on this secure page:`,
    url,
    "",
    "Thank you.",
  ].join("\n");
  return `mailto:${encodeURIComponent(request.payerEmail)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export default async function PaymentRequestPage({ params }: { params: Promise<{ merchant: string; requestId: string }> }) {
  const viewer = await requirePermission("payment-requests:read");
  const { merchant: slug, requestId } = await params;
  const merchant = await getMerchant(viewer, slug);
  const detail = await getPaymentRequest(viewer, slug, requestId);
  const { request, options } = detail;
  const base = `/m/${merchant.slug}`;
  const fields = { merchant: merchant.slug, pageId: request.id };

  return (
    <>
      <PageHeader
        title={`Payment request for ${request.payerName ?? "a client"}`}
        description={<>{formatCents(request.amountCents)} · created <DateTime value={request.createdAt} withZone /> by {request.createdByEmail ?? "unknown"}</>}
        actions={
          <Link href={`${base}/payment-requests`} className="text-sm text-brand-700 hover:underline">
            ← All payment requests
          </Link>
        }
      />
      <ClientpayAccessNotice access={detail.access} slug={merchant.slug} canFix={can(viewer.role, "access-ids:rotate")} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-6">
          {request.status === "open" && (
            <Card>
              <CardBody>
                <CopyLink url={detail.hostedUrl} mailto={mailtoFor(merchant.name, request, detail.hostedUrl)} />
                <p className="mt-2 text-xs text-slate-500">Valid until <DateTime value={request.expiresAt} />. Anyone with the link can pay it, so send it only to the client.</p>
              </CardBody>
            </Card>
          )}
          <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="request-detail">
            <DetailField label="Status"><RequestStatusBadge status={request.status} /></DetailField>
            <DetailField label="Amount" testId="request-amount">{formatCents(request.amountCents)}</DetailField>
            <DetailField label="Due">{request.dueDate}</DetailField>
            <DetailField label="Payer">{request.payerName}</DetailField>
            <DetailField label="Payer email">{request.payerEmail}</DetailField>
            <DetailField label="Saved payer">
              {request.payerId ? (
                <Link href={`${base}/payers/${encodeURIComponent(request.payerId)}`} className="text-brand-700 hover:underline">
                  View payer
                </Link>
              ) : null}
            </DetailField>
            <DetailField label="Payment" testId="request-payment">
              {request.paymentId ? (
                <Link href={`${base}/payments/${request.paymentId}`} className="text-brand-700 hover:underline" data-testid="request-payment-link">
                  Payment {request.paymentId}
                  {detail.payment ? ` · ${formatCents(detail.payment.amountCents)} · ${detail.payment.status}` : ""}
                </Link>
              ) : null}
            </DetailField>
            <DetailField label="Paid">{request.paidAt ? <DateTime value={request.paidAt} /> : null}</DetailField>
            <DetailField label="Closed">{request.closedAt ? <><DateTime value={request.closedAt} />{request.closedByEmail ? ` by ${request.closedByEmail}` : ""}</> : null}</DetailField>
            <DetailField label="Note to the client">{request.note}</DetailField>
            <DetailField label="Page">
              {[options.headerText && `heading “${options.headerText}”`, options.footerText && `footer “${options.footerText}”`, options.validDays ? `valid ${options.validDays} days` : null, options.allowPartial ? "partial payments allowed" : "full amounts only", options.enablePayerSaving ? "client may save the method" : null]
                .filter(Boolean)
                .join(" · ")}
            </DetailField>
            <DetailField label="Receipts">{[options.sendReceipt ? "to the client" : null, ...options.receiptEmails].filter(Boolean).join(", ") || "none"}</DetailField>
            <DetailField label="Last message from ClientPay">{request.lastPostbackAt ? <DateTime value={request.lastPostbackAt} /> : "none yet"}</DetailField>
          </dl>
          <Card>
            <CardHeader>
              <CardTitle>Invoices</CardTitle>
            </CardHeader>
            <CardBody>
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Invoices on this request</caption>
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="py-1">Invoice</th>
                    <th scope="col" className="py-1">Dated</th>
                    <th scope="col" className="py-1 text-right">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {request.invoices.map((invoice) => (
                    <tr key={invoice.invoiceNumber} className="border-t border-slate-100">
                      <td className="py-1">{invoice.invoiceNumber}</td>
                      <td className="py-1">{invoice.invoiceDate}</td>
                      <td className="py-1 text-right tabular-nums">{formatCents(invoice.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </CardBody>
          </Card>
          <MoneyAttempts attempts={detail.attempts} slug={merchant.slug} check={can(viewer.role, "payment-requests:create") ? checkRequestAttemptAction : null} />
        </div>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Actions</CardTitle>
          </CardHeader>
          <CardBody className="flex flex-col gap-4">
            {request.status !== "paid" && (
              <ActionButton action={checkPaymentRequestAction} fields={fields} label="Check with ClientPay" pendingLabel="Checking…" messageTestId="request-check-message" />
            )}
            {request.status === "open" && can(viewer.role, "payment-requests:expire") && (
              <ActionButton
                action={expirePaymentRequestAction}
                fields={fields}
                label="Expire link"
                pendingLabel="Expiring…"
                variant="danger"
                messageTestId="request-expire-message"
                confirm={{ title: "Expire this payment link?", description: "The client can no longer pay on it. A new request is needed to ask again.", confirmLabel: "Expire now" }}
              />
            )}
            {request.status === "paid" && <p className="text-sm text-slate-600">Paid: nothing more to do here.</p>}
            {request.status === "expired" && <p className="text-sm text-slate-600">This link no longer takes payments.</p>}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
