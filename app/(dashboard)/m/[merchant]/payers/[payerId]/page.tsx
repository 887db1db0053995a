import Link from "next/link";
import { DetailSource } from "../../../../_components/detail-source";
import { ActionButton } from "@/components/forms/action-button";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { checkChargeAttemptAction, createPayerPageAction, deletePayerAction } from "@/lib/actions/clientpay";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { getPayerDetail } from "@/lib/dal/payers";
import { formatCents } from "@/lib/format";
import { ClientpayAccessNotice } from "../../_components/clientpay-access-notice";
import { MoneyAttempts } from "../../_components/money-attempts";
import { paymentMethodText } from "@/lib/validation/clientpay-payments";
import { PaymentStatusBadge } from "../../payments/_components/payment-status-badge";
import { ChargePayerForm, EditPayerForm } from "../_components/payer-forms";
import { DateTime } from "../../../../_components/date-time";

export const metadata = { title: "Payer" };

export default async function PayerPage({ params }: { params: Promise<{ merchant: string; payerId: string }> }) {
  const viewer = await requirePermission("payers:read");
  const { merchant: slug, payerId: rawId } = await params;
  const payerId = decodeURIComponent(rawId);
  const merchant = await getMerchant(viewer, slug);
  const detail = await getPayerDetail(viewer, slug, payerId);
  const { payer } = detail;
  const base = `/m/${merchant.slug}`;
  const manage = can(viewer.role, "payers:manage");
  const fields = { merchant: merchant.slug, payerId };

  return (
    <>
      <PageHeader
        title={payer.displayName}
        description={[payer.email, payer.source === "paydesk" ? "created in Paydesk" : "seen on a payment"].filter(Boolean).join(" · ")}
        actions={
          <Link href={`${base}/payers`} className="text-sm text-brand-700 hover:underline">
            ← All payers
          </Link>
        }
      />
      <ClientpayAccessNotice access={detail.access} slug={merchant.slug} canFix={can(viewer.role, "access-ids:rotate")} />
      <DetailSource state={detail.source === "live" ? "fresh" : "stale"} gateway="ClientPay" copiedAt={payer.detailSyncedAt ?? payer.updatedAt} reason={detail.fallbackReason} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Saved payment methods</CardTitle>
              <p className="text-sm text-slate-600">Card and bank numbers are typed on ClientPay&apos;s payer page, never in Paydesk; only the last four are shown.</p>
            </CardHeader>
            <CardBody className="flex flex-col gap-4">
              {payer.methods && payer.methods.length > 0 ? (
                <ul className="flex flex-col gap-2 text-sm" data-testid="payer-methods">
                  {payer.methods.map((method) => (
                    <li key={method.id} className="flex flex-wrap items-center gap-2" data-testid="payer-method">
                      <span className="font-medium">{method.type === "eCheck" ? "eCheck" : (method.cardBrand ?? "Card")}</span>
                      <span className="font-mono">••••{method.last4}</span>
                      {method.expiry && <span className="text-slate-500">exp. {method.expiry}</span>}
                      {method.holderName && <span className="text-slate-500">{method.holderName}</span>}
                      {method.isPrimary && <Badge tone="info">Primary</Badge>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600" data-testid="payer-no-methods">
                  No saved payment method{payer.methods === null ? " read yet" : ""}.
                </p>
              )}
              {manage && (
                <ActionButton
                  action={createPayerPageAction}
                  fields={fields}
                  label="New payer page (add a method)"
                  pendingLabel="Creating at ClientPay…"
                  messageTestId="payer-page-message"
                  className="self-start"
                />
              )}
              {detail.pages.length > 0 && (
                <div className="flex flex-col gap-2">
                  <h3 className="text-sm font-medium">Payer pages</h3>
                  <ul className="flex flex-col gap-2 text-sm" data-testid="payer-pages">
                    {detail.pages.map((page) => (
                      <li key={page.id} className="flex flex-col gap-1" data-testid="payer-page" data-status={page.status}>
                        <span>
                          <Badge tone={page.status === "open" ? "info" : page.status === "completed" ? "good" : "neutral"}>{page.status}</Badge>{" "}
                          created <DateTime value={page.createdAt} /> by {page.createdByEmail ?? "unknown"}
                          {page.status === "open" && <>, valid until <DateTime value={page.expiresAt} /></>}
                        </span>
                        {page.status === "open" && (
                          <input readOnly value={page.hostedUrl} aria-label="Payer page link" className="w-full rounded border border-slate-200 px-2 py-1 font-mono text-xs" data-testid="payer-page-url" />
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Recent payments</CardTitle>
            </CardHeader>
            <CardBody>
              {detail.payments.length === 0 ? (
                <p className="text-sm text-slate-600">No payments by this payer in the local copy.</p>
              ) : (
                <ul className="flex flex-col gap-2 text-sm" data-testid="payer-payments">
                  {detail.payments.map((payment) => (
                    <li key={payment.paymentId} className="flex flex-wrap items-center gap-3">
                      <Link href={`${base}/payments/${payment.paymentId}`} className="text-brand-700 hover:underline">
                        <DateTime value={payment.paidAt} />
                      </Link>
                      <span className="tabular-nums">{formatCents(payment.amountCents)}</span>
                      <span className="text-slate-500">{paymentMethodText(payment)}</span>
                      <PaymentStatusBadge status={payment.status} />
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          <MoneyAttempts attempts={detail.attempts} slug={merchant.slug} check={can(viewer.role, "payers:charge") ? checkChargeAttemptAction : null} />
        </div>
        <div className="flex flex-col gap-6">
          {can(viewer.role, "payers:charge") && (
            <Card>
              <CardHeader>
                <CardTitle>Charge a saved method</CardTitle>
              </CardHeader>
              <CardBody>
                {detail.chargeToken && payer.methods ? (
                  <ChargePayerForm slug={merchant.slug} payerId={payerId} token={detail.chargeToken} methods={payer.methods} />
                ) : (
                  <p className="text-sm text-slate-600" data-testid="charge-unavailable">
                    {detail.blocking ? "A charge of this payer is in progress or its outcome is unknown: check it under Money actions first." : "Nothing to charge: this payer has no saved payment method, or ClientPay cannot be reached with this account's access ID."}
                  </p>
                )}
              </CardBody>
            </Card>
          )}
          {can(viewer.role, "payment-requests:create") && (
            <Link href={`${base}/payment-requests/new?payer=${encodeURIComponent(payerId)}`} className={buttonVariants({ variant: "secondary" })}>
              Request a payment from this payer
            </Link>
          )}
          {manage && (
            <Card>
              <CardHeader>
                <CardTitle>Payer record</CardTitle>
              </CardHeader>
              <CardBody className="flex flex-col gap-6">
                <EditPayerForm slug={merchant.slug} payerId={payerId} values={{ firstName: payer.firstName, lastName: payer.lastName, businessName: payer.businessName, email: payer.email }} />
                <ActionButton
                  action={deletePayerAction}
                  fields={fields}
                  label="Delete payer"
                  pendingLabel="Deleting…"
                  variant="danger"
                  messageTestId="delete-payer-message"
                  confirm={{ title: `Delete ${payer.displayName}?`, description: "The payer and their saved payment methods are deleted in ClientPay. Their past payments stay.", confirmLabel: "Delete payer" }}
                />
              </CardBody>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
