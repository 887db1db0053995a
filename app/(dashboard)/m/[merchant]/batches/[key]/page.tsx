import Link from "next/link";
import { zoneOf } from "@/lib/auth/viewer";
import { TablePager } from "@/components/data-table/table-pager";
import { DetailSource } from "../../../../_components/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Figure } from "@/components/ui/figure";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getBatchDetail } from "@/lib/dal/batches";
import { formatCents } from "@/lib/format";
import { parseTransactionQuery, transactionHref } from "@/lib/validation/transactions";
import { TransactionTotalsRow } from "../../transactions/_components/transaction-totals";
import { TransactionsTable } from "../../transactions/_components/transactions-table";
import { BatchStatusBadge } from "../_components/batch-status-badge";
import { OpenBatchCard } from "../_components/open-batch-card";
import { DateTime } from "../../../../_components/date-time";

export const metadata = { title: "Batch" };

const pair = (count: number | null, cents: number | null, negative = false) => (count === null ? "—" : `${count} · ${formatCents(negative ? -(cents ?? 0) : (cents ?? 0))}`);

/** One batch: USAePay's figures, and its transactions from Paydesk's copy with their totals (which should agree). */
export default async function BatchPage({ params, searchParams }: { params: Promise<{ merchant: string; key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("batches:read");
  const { merchant: slug, key } = await params;
  const query = parseTransactionQuery(await searchParams);
  const detail = await getBatchDetail(viewer, slug, decodeURIComponent(key), query);
  const { batch, totals, transactions } = detail;
  const base = `/m/${slug}/batches/${encodeURIComponent(batch.key)}`;
  const agree = batch.netCents === null || (batch.netCents === totals.netCents && (batch.salesCount ?? 0) === totals.salesCount && (batch.refundsCount ?? 0) === totals.refundsCount);

  return (
    <>
      <PageHeader
        title={`Batch ${batch.refnum ?? batch.key}`}
        description={batch.openedAt ? <>Opened <DateTime value={batch.openedAt} withZone />{batch.closedAt ? <> · closed <DateTime value={batch.closedAt} withZone /></> : ""}</> : undefined}
        actions={
          <Link href={`/m/${slug}/batches`} className="text-sm text-brand-700 hover:underline">
            ← All batches
          </Link>
        }
      />
      <DetailSource state={detail.source === "live" ? "fresh" : "stale"} copiedAt={batch.detailReadAt} reason={detail.fallbackReason} />
      <div className="flex flex-col gap-6">
        <Card data-testid="batch-figures">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              As USAePay reports it <BatchStatusBadge status={batch.status} />
            </CardTitle>
          </CardHeader>
          <CardBody>
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
              <Figure label="Sales" testId="batch-sales">{pair(batch.salesCount, batch.salesCents)}</Figure>
              <Figure label="Refunds" testId="batch-refunds">{pair(batch.refundsCount, batch.refundsCents, true)}</Figure>
              <Figure label={`Voids${batch.voidsFrom === "paydesk" ? " *" : ""}`} testId="batch-voids">{pair(batch.voidsCount, batch.voidsCents)}</Figure>
              <Figure label="Transactions" testId="batch-count">{batch.totalCount === null ? "—" : String(batch.totalCount)}</Figure>
              <Figure label="Net (sales − refunds)" testId="batch-net">{batch.netCents === null ? "—" : formatCents(batch.netCents)}</Figure>
            </dl>
            <p className="mt-3 text-xs text-slate-500" data-testid="batch-agreement" data-agree={agree}>
              {agree
                ? "Paydesk's copy of this batch's transactions adds up to the same figures."
                : "Paydesk's copy of this batch's transactions does not add up to these figures yet: its mirror may still be syncing."}
              {batch.voidsFrom === "paydesk" ? " * Counted from Paydesk's copy." : ""}
            </p>
          </CardBody>
        </Card>
        {detail.open && <OpenBatchCard slug={slug} open={detail.open} canReconcile={can(viewer.role, "batches:close")} />}
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <TransactionTotalsRow totals={totals} label="Transactions in this batch" />
          {transactions.total === 0 ? (
            <p className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
              No transactions of this batch in Paydesk&apos;s copy yet.
            </p>
          ) : (
            <TransactionsTable base={base} detailBase={`/m/${slug}/transactions`} query={query} rows={transactions.items} zone={zoneOf(viewer)} />
          )}
          <TablePager
            page={transactions.page}
            pageSize={transactions.pageSize}
            total={transactions.total}
            hrefFor={(target) => transactionHref(base, query, { page: target })}
            action={base}
            hidden={{ sort: query.sort, dir: query.dir, pageSize: query.pageSize }}
          />
        </div>
      </div>
    </>
  );
}
