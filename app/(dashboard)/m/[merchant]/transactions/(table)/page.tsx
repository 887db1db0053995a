import Link from "next/link";
import { TableFrame } from "../../../../_components/table-frame";
import { SyncStatus } from "../../_components/sync-status";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { getSyncStatus } from "@/lib/dal/sync";
import { listTransactions } from "@/lib/dal/transactions";
import { amountText, parseTransactionQuery, transactionHref } from "@/lib/validation/transactions";
import { TransactionFilters } from "../_components/transaction-filters";
import { TransactionsTable } from "../_components/transactions-table";

export const metadata = { title: "Transactions" };

/** Server-rendered from the local mirror; the URL holds the whole table state. */
export default async function MerchantTransactionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ merchant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePermission("transactions:read");
  const { merchant: slug } = await params;
  const merchant = await getMerchant(viewer, slug);
  const query = parseTransactionQuery(await searchParams);
  const base = `/m/${merchant.slug}/transactions`;
  const page = await listTransactions(viewer, slug, query);
  // After the list: reading it may have started a sync of a stale mirror, which the header then shows.
  const sync = await getSyncStatus(viewer, slug);
  const filtered = !!(query.q || query.status || query.from || query.to || query.min !== undefined || query.max !== undefined || query.card);
  const state = transactionHref("", { ...query, page: 1 }).replace(/^\?/, "");
  const exportHref = `/api/export/transactions?merchant=${encodeURIComponent(merchant.slug)}${state ? `&${state}` : ""}`;

  return (
    <>
      <PageHeader title="Transactions" description={merchant.name} actions={<SyncStatus merchant={merchant.slug} resource="transactions" initial={sync} />} />
      <TransactionFilters base={base} query={query} />
      <TableFrame viewer={viewer} table="transactions" base={base} query={state} exportHref={exportHref}>
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          {page.total === 0 ? (
            <div className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
              {filtered ? (
                <>
                  No transactions match these filters.{" "}
                  <Link href={base} className="text-brand-700 hover:underline">
                    Clear them
                  </Link>
                </>
              ) : sync.resources.transactions.mirrored === 0 ? (
                "No transactions mirrored yet. The first ones appear within seconds of the sync starting."
              ) : (
                "No transactions."
              )}
            </div>
          ) : (
            <TransactionsTable base={base} query={query} rows={page.items} />
          )}
          <TablePager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            hrefFor={(target) => transactionHref(base, query, { page: target })}
            action={base}
            hidden={{ q: query.q, status: query.status, from: query.from, to: query.to, min: amountText(query.min), max: amountText(query.max), card: query.card, sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
          />
        </div>
      </TableFrame>
    </>
  );
}
