import Link from "next/link";
import { TablePager } from "@/components/data-table/table-pager";
import { DetailSource } from "@/components/data-table/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getCustomerDetail } from "@/lib/dal/customers";
import { DateTime } from "@/components/time/time-zone";
import { formatCents } from "@/lib/format";
import { firstParam, pageParamsSchema } from "@/lib/validation/table-state";
import { StatusBadge } from "../../transactions/_components/status-badge";

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
  const { customer, source, fallbackReason, transactions } = await getCustomerDetail(viewer, merchant, decodeURIComponent(key), page);
  const base = `/m/${merchant}`;
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
      <DetailSource source={source} copiedAt={customer.detailSyncedAt} fallbackReason={fallbackReason} />
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
                    <span className="tabular-nums">{formatCents(tx.amountCents)}</span>
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
