import Link from "next/link";
import { TablePager } from "@/components/data-table/table-pager";
import { DetailSource } from "../../../../_components/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { ActionButtonForm } from "@/components/forms/action-button-form";
import { Notice } from "@/components/ui/notice";
import { checkMoneyOutcomeAction } from "@/lib/actions/transaction-money";
import { getChargeForm } from "@/lib/dal/customer-charges";
import { getCustomerDetail } from "@/lib/dal/customers";
import { DateTime } from "../../../../_components/date-time";
import { formatCents } from "@/lib/format";
import { firstParam, pageParamsSchema } from "@/lib/validation/table-state";
import { NotMirrored } from "../../_components/not-mirrored";
import { signedCents } from "@/lib/validation/transaction-types";
import { StatusBadge } from "../../transactions/_components/status-badge";
import { AttemptHistory } from "../../transactions/[key]/_components/attempt-history";
import { ChargeForm } from "./_components/charge-form";

export const metadata = { title: "Customer" };

/** A customer with masked payment methods, billing schedules and their transactions. */
export default async function CustomerDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchant: string; key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("customers:read");
  const { merchant, key } = await params;
  const page = pageParamsSchema.shape.page.parse(firstParam(await searchParams, "page"));
  const detail = await getCustomerDetail(viewer, merchant, decodeURIComponent(key), page);
  const base = `/m/${merchant}`;
  if (!detail) {
    return (
      <>
        <PageHeader title="Customer" actions={<Link href={`${base}/customers`} className="text-sm text-brand-700 hover:underline">← All customers</Link>} />
        <NotMirrored merchant={merchant} record="customer" recordKey={decodeURIComponent(key)} />
      </>
    );
  }
  const { customer, state, reason, transactions } = detail;
  const charge = await getChargeForm(viewer, merchant, customer.key);
  const self = `${base}/customers/${encodeURIComponent(customer.key)}`;
  const address = [customer.street, customer.city, customer.state, customer.postalCode, customer.country].filter(Boolean).join(", ");

  return (
    <>
      <PageHeader
        title={customer.displayName}
        description={customer.company ?? customer.email ?? undefined}
        actions={
          <Link href={`${base}/customers`} className="text-sm text-brand-700 hover:underline">
            ← All customers
          </Link>
        }
      />
      <DetailSource state={state} copiedAt={customer.detailSyncedAt} reason={reason} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">Contact</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="customer-contact">
            <dt className="text-slate-500">Email</dt>
            <dd>{customer.email ?? "—"}</dd>
            <dt className="text-slate-500">Phone</dt>
            <dd>{customer.phone ?? "—"}</dd>
            <dt className="text-slate-500">Address</dt>
            <dd>{address || "—"}</dd>
            <dt className="text-slate-500">Customer #</dt>
            <dd>{customer.customerNumber ?? "—"}</dd>
          </dl>
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">Payment methods</h2>
          {customer.paymentMethods === null ? (
            <p className="text-sm text-slate-600">Not fetched from USAePay yet.</p>
          ) : customer.paymentMethods.length === 0 ? (
            <p className="text-sm text-slate-600">None saved.</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="payment-methods">
              {customer.paymentMethods.map((method) => (
                <li key={method.key} data-testid="payment-method">
                  {method.kind === "check" ? "Bank account" : (method.brand ?? "Card")} ending {method.last4 ?? "????"}
                  {method.expires ? ` · expires ${method.expires}` : ""}
                  {method.name ? ` · ${method.name}` : ""}
                </li>
              ))}
            </ul>
          )}
          <h2 className="mb-3 mt-4 font-semibold">Billing schedules</h2>
          {!customer.billingSchedules?.length ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="billing-schedules">
              {customer.billingSchedules.map((schedule) => (
                <li key={schedule.key}>
                  {schedule.amountCents !== null ? formatCents(schedule.amountCents) : "—"} {schedule.frequency ?? ""}
                  {schedule.nextDate ? ` · next ${schedule.nextDate}` : ""} {schedule.enabled ? "" : "(disabled)"}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {charge && (
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="charge-section">
          <h2 className="mb-1 font-semibold">Charge a saved payment method</h2>
          <p className="mb-3 text-sm text-slate-600">USAePay charges the method it keeps for this customer; Paydesk never sees or asks for the card number.</p>
          {charge.blocking ? (
            <Notice tone="error" data-testid="money-blocking" data-status={charge.blocking.status}>
              {charge.blocking.status === "unknown"
                ? `A charge${charge.blocking.amountCents !== null ? ` of ${formatCents(charge.blocking.amountCents)}` : ""} got no answer from USAePay, so whether it went through is not known. No new charge can start until it is checked; nothing will be sent again.`
                : "A charge is waiting for USAePay's answer. Reload in a moment."}
              {charge.blocking.status === "unknown" && (
                <div className="mt-2">
                  <ActionButtonForm action={checkMoneyOutcomeAction} hidden={{ merchant, attempt: charge.blocking.id }} label="Check the outcome" pendingLabel="Asking USAePay…" testId="reconcile" />
                </div>
              )}
            </Notice>
          ) : charge.methods.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="charge-no-methods">
              {customer.paymentMethods === null ? "Its saved methods have not been read from USAePay yet; reload in a moment." : "This customer has no saved payment method."}
            </p>
          ) : (
            <div className="max-w-md">
              <ChargeForm slug={merchant} customerKey={customer.key} customerName={charge.customerName} token={charge.token} methods={charge.methods} />
            </div>
          )}
          {charge.attempts.length > 0 && (
            <div className="mt-4">
              <AttemptHistory attempts={charge.attempts} />
            </div>
          )}
        </section>
      )}
      {transactions && (
        <section className="mt-6 overflow-hidden rounded-lg border border-slate-200 bg-white">
          <h2 className="p-4 font-semibold">Transactions</h2>
          {transactions.total === 0 ? (
            <p className="px-4 pb-4 text-sm text-slate-600" data-testid="customer-transactions-empty">
              No transactions for this customer in the mirror.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="customer-transactions">
              {transactions.items.map((tx) => (
                <li key={tx.key} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm" data-testid="customer-transaction">
                  <Link href={`${base}/transactions/${encodeURIComponent(tx.key)}`} className="text-brand-700 hover:underline">
                    <DateTime value={tx.createdAt} withZone /> · #{tx.refnum}
                  </Link>
                  <span className="flex items-center gap-3">
                    <StatusBadge code={tx.statusCode} label={tx.statusLabel} />
                    <span className="tabular-nums">{formatCents(signedCents(tx.kind, tx.amountCents))}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <TablePager page={transactions.page} pageSize={transactions.pageSize} total={transactions.total} hrefFor={(target) => `${self}?page=${target}`} action={self} hidden={{}} />
        </section>
      )}
    </>
  );
}
