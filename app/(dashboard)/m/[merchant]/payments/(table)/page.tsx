import Link from "next/link";
import { ExportDialog } from "@/components/data-table/export-dialog";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listClientpayPayments } from "@/lib/dal/clientpay-payments";
import { canExport } from "@/lib/dal/exports";
import { getMerchant } from "@/lib/dal/merchants";
import { CLIENTPAY_PAYMENT_COLUMNS, clientpayPaymentHref, clientpayPaymentUrlState, isFiltered, parseClientpayPaymentQuery } from "@/lib/validation/clientpay-payments";
import { ClientpayAccessNotice } from "../../_components/clientpay-access-notice";
import { CopyStatus } from "../_components/copy-status";
import { PaymentFilters } from "../_components/payment-filters";
import { PaymentsTable } from "../_components/payments-table";
import { PaymentsTotals } from "../_components/payments-totals";

export const metadata = { title: "ClientPay payments" };

/** Served from the local copy of ClientPay's payments; the URL holds the whole table state. */
export default async function ClientpayPaymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("payments:read");
  const { merchant: slug } = await params;
  const merchant = await getMerchant(viewer, slug);
  const query = parseClientpayPaymentQuery(await searchParams);
  const base = `/m/${merchant.slug}/payments`;
  const page = await listClientpayPayments(viewer, slug, query);
  const { page: _page, ...hidden } = clientpayPaymentUrlState(query);
  const state = clientpayPaymentHref("", { ...query, page: 1 }).replace(/^\?/, "");
  const exportHref = `/api/export/payments?merchant=${encodeURIComponent(merchant.slug)}${state ? `&${state}` : ""}`;

  return (
    <>
      <PageHeader title="ClientPay payments" description={`${merchant.name} · what clients paid through ClientPay`} actions={<CopyStatus merchant={merchant.slug} copy={page.copy} />} />
      <ClientpayAccessNotice access={page.access} slug={merchant.slug} canFix={can(viewer.role, "access-ids:rotate")} />
      <PaymentFilters base={base} query={query} />
      <PaymentsTotals totals={page.totals} />
      {canExport(viewer, "payments") && (
        <div className="mb-3 flex justify-end">
          <ExportDialog href={exportHref} columns={CLIENTPAY_PAYMENT_COLUMNS} />
        </div>
      )}
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        {page.total === 0 ? (
          <div className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
            {isFiltered(query) ? (
              <>
                No payments match these filters.{" "}
                <Link href={base} className="text-brand-700 hover:underline">
                  Clear them
                </Link>
              </>
            ) : !page.access.usable ? (
              "No payments copied yet: ClientPay calls for this account need an access ID (see above)."
            ) : page.copy.status === "running" || page.copy.status === "never" ? (
              "Copying this account's payments from ClientPay; the first ones appear within seconds."
            ) : (
              "No ClientPay payments for this account yet."
            )}
          </div>
        ) : (
          <PaymentsTable base={base} query={query} rows={page.items} />
        )}
        <TablePager page={page.page} pageSize={page.pageSize} total={page.total} hrefFor={(target) => clientpayPaymentHref(base, query, { page: target })} action={base} hidden={hidden} />
      </div>
    </>
  );
}
