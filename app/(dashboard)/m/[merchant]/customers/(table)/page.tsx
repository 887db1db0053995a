import Form from "next/form";
import Link from "next/link";
import { TableFrame } from "../../../../_components/table-frame";
import { FirstSyncNotice } from "../../_components/first-sync-notice";
import { SyncStatus } from "../../_components/sync-status";
import { PageSizeField } from "@/components/data-table/table-filter-parts";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { requirePermission } from "@/lib/auth/session";
import { listCustomers } from "@/lib/dal/customers";
import { getMerchant } from "@/lib/dal/merchants";
import { getSyncStatus } from "@/lib/dal/sync";
import { customerHref, parseCustomerQuery } from "@/lib/validation/customers";
import { CustomersTable } from "../_components/customers-table";

export const metadata = { title: "Customers" };

/** Server-rendered from the local mirror; the URL holds search, sort and page. */
export default async function MerchantCustomersPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("customers:read");
  const { merchant: slug } = await params;
  const merchant = await getMerchant(viewer, slug);
  const query = parseCustomerQuery(await searchParams);
  const base = `/m/${merchant.slug}/customers`;
  const page = await listCustomers(viewer, slug, query);
  // After the list: reading it may have started a sync of a stale mirror, which the header then shows.
  const sync = await getSyncStatus(viewer, slug);
  const state = customerHref("", { ...query, page: 1 }).replace(/^\?/, "");
  const exportHref = `/api/export/customers?merchant=${encodeURIComponent(merchant.slug)}${state ? `&${state}` : ""}`;

  return (
    <>
      <PageHeader title="Customers" description={merchant.name} actions={<SyncStatus merchant={merchant.slug} resource="customers" initial={sync} />} />
      <Form key={JSON.stringify(query)} action={base} className="mb-4 flex flex-wrap items-end gap-3" data-testid="customer-filters">
        <label className="flex min-w-64 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
          Search
          <Input name="q" type="search" defaultValue={query.q} placeholder="Name, email, phone, customer #…" data-testid="filter-q" />
        </label>
        <PageSizeField value={query.pageSize} />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <Button type="submit" data-testid="filter-apply">
          Search
        </Button>
        <Link href={base} className="px-2 py-2 text-sm text-brand-700 hover:underline">
          Reset
        </Link>
      </Form>
      <FirstSyncNotice merchant={merchant.slug} resource="customers" initial={sync} />
      <TableFrame viewer={viewer} table="customers" base={base} query={state} exportHref={exportHref}>
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          {page.total === 0 ? (
            <div className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
              {query.q ? `No customers match “${query.q}”.` : sync.resources.customers.mirrored === 0 ? "No customers mirrored yet. The first ones appear within seconds of the sync starting." : "No customers."}
            </div>
          ) : (
            <CustomersTable base={base} query={query} rows={page.items} />
          )}
          <TablePager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            hrefFor={(target) => customerHref(base, query, { page: target })}
            action={base}
            hidden={{ q: query.q, sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
          />
        </div>
      </TableFrame>
    </>
  );
}
