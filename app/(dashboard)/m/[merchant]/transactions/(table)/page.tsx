import Link from "next/link";
import { zoneOf } from "@/lib/auth/viewer";
import { TableFrame } from "../../../../_components/table-frame";
import { FirstSyncNotice } from "../../_components/first-sync-notice";
import { SyncStatus } from "../../_components/sync-status";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { getSyncStatus } from "@/lib/dal/sync";
import { listTransactions } from "@/lib/dal/transactions";
import { amountText, parseTransactionQuery, transactionFilterProblems, transactionHref } from "@/lib/validation/transactions";
import { TransactionFilters } from "../_components/transaction-filters";
import { TransactionTotalsRow } from "../_components/transaction-totals";
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
  const raw = await searchParams;
  const query = parseTransactionQuery(raw);
  const problems = transactionFilterProblems(raw, query);
  const base = `/m/${merchant.slug}/transactions`;
  // A reversed range matches nothing: the filters say why, and the table is not read.
  const page = problems.blocking ? { items: [], total: 0, page: 1, pageSize: query.pageSize } : await listTransactions(viewer, slug, query);
  // After the list: reading it may have started a sync of a stale mirror, which the header then shows.
  const sync = await getSyncStatus(viewer, slug);
  const filtered = !!(query.q || query.status || query.type || query.from || query.to || query.min !== undefined || query.max !== undefined || query.card);
  const state = transactionHref("", { ...query, page: 1 }).replace(/^\?/, "");
  const exportHref = `/api/export/transactions?merchant=${encodeURIComponent(merchant.slug)}${state ? `&${state}` : ""}`;

  return (
    <>
      <PageHeader title="Transactions" description={merchant.name} actions={<SyncStatus merchant={merchant.slug} resource="transactions" initial={sync} />} />
      <TransactionFilters base={base} query={query} problems={problems.fields} />
      <FirstSyncNotice merchant={merchant.slug} resource="transactions" initial={sync} />
      <TableFrame viewer={viewer} table="transactions" base={base} query={state} exportHref={exportHref}>
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          {page.total === 0 ? (
            <div className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
              {problems.blocking ? (
                "No transactions can match these filters: see the message beside them."
              ) : filtered ? (
                <>
                  No transactions match these filters.{" "}
                  <Link href={base} className="text-brand-700 underline hover:no-underline">
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
            <>
              {"totals" in page && <TransactionTotalsRow totals={page.totals} label={filtered ? "Matching transactions" : "All transactions"} />}
              <TransactionsTable base={base} query={query} rows={page.items} zone={zoneOf(viewer)} />
            </>
          )}
          <TablePager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            hrefFor={(target) => transactionHref(base, query, { page: target })}
            action={base}
            hidden={{ q: query.q, status: query.status, type: query.type, from: query.from, to: query.to, min: amountText(query.min), max: amountText(query.max), card: query.card, sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
          />
        </div>
      </TableFrame>
    </>
  );
}
