import Form from "next/form";
import Link from "next/link";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { listPaymentRequests } from "@/lib/dal/payment-requests";
import { PAYMENT_REQUEST_STATUSES, parsePaymentRequestQuery, paymentRequestHref } from "@/lib/validation/payment-requests";
import { ClientpayAccessNotice } from "../_components/clientpay-access-notice";
import { RequestsTable } from "./_components/requests-table";

export const metadata = { title: "Payment requests" };

/** The ClientPay invoice payment pages Paydesk created, open, paid or expired. */
export default async function PaymentRequestsPage({ params, searchParams }: { params: Promise<{ merchant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("payment-requests:read");
  const { merchant: slug } = await params;
  const merchant = await getMerchant(viewer, slug);
  const query = parsePaymentRequestQuery(await searchParams);
  const page = await listPaymentRequests(viewer, slug, query);
  const base = `/m/${merchant.slug}/payment-requests`;
  const field = "flex flex-col gap-1 text-xs font-medium text-slate-600";

  return (
    <>
      <PageHeader
        title="Payment requests"
        description={`${merchant.name} · links to ClientPay pages where clients pay their invoices`}
        actions={
          can(viewer.role, "payment-requests:create") ? (
            <Link href={`${base}/new`} className={buttonVariants()} data-testid="new-request">
              New payment request
            </Link>
          ) : undefined
        }
      />
      <ClientpayAccessNotice access={page.access} slug={merchant.slug} canFix={can(viewer.role, "access-ids:rotate")} />
      <Form action={base} className="mb-4 flex flex-wrap items-end gap-3" data-testid="request-filters">
        <label className={`${field} min-w-64 flex-1`}>
          Search
          <Input name="q" type="search" defaultValue={query.q} placeholder="Payer, email or invoice #" />
        </label>
        <label className={field}>
          Status
          <NativeSelect name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option>
            {Object.entries(PAYMENT_REQUEST_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </label>
        <Button type="submit">Apply</Button>
      </Form>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        {page.total === 0 ? (
          <p className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
            {query.q || query.status ? "No payment requests match." : "No payment requests yet."}
          </p>
        ) : (
          <RequestsTable base={base} rows={page.items} />
        )}
        <TablePager page={page.page} pageSize={page.pageSize} total={page.total} hrefFor={(target) => paymentRequestHref(base, query, { page: target })} action={base} hidden={{ q: query.q, status: query.status, pageSize: query.pageSize }} />
      </div>
    </>
  );
}
