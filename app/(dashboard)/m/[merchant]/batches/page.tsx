import { DetailSource } from "../../../_components/detail-source";
import { ExportDialog } from "@/components/data-table/export-dialog";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listBatches } from "@/lib/dal/batches";
import { canExport } from "@/lib/dal/exports";
import { getMerchant } from "@/lib/dal/merchants";
import { BATCH_COLUMNS } from "@/lib/validation/batches";
import { parsePageParams } from "@/lib/validation/table-state";
import { BatchesTable } from "./_components/batches-table";
import { OpenBatchCard } from "./_components/open-batch-card";

export const metadata = { title: "Batches" };

/** Settlement batches: what was (or will be) deposited, batch by batch. */
export default async function BatchesPage({ params, searchParams }: { params: Promise<{ merchant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("batches:read");
  const { merchant: slug } = await params;
  const merchant = await getMerchant(viewer, slug);
  const paging = parsePageParams(await searchParams);
  const list = await listBatches(viewer, slug, paging);
  const base = `/m/${merchant.slug}/batches`;
  // The table has no filters and one order: its URL state, page aside, is the account.
  const exportHref = `/api/export/batches?merchant=${encodeURIComponent(merchant.slug)}`;

  return (
    <>
      <PageHeader title="Batches" description={`${merchant.name} · settlement batches, newest first`} />
      {list.source === "mirror" && <DetailSource state="stale" copiedAt={list.listedAt} reason={list.fallbackReason} />}
      <div className="flex flex-col gap-6">
        {list.open && <OpenBatchCard slug={merchant.slug} open={list.open} canReconcile={can(viewer.role, "batches:close")} />}
        <div>
          {canExport(viewer, "batches") && (
            <div className="mb-3 flex justify-end">
              <ExportDialog href={exportHref} columns={BATCH_COLUMNS} />
            </div>
          )}
          <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            {list.total === 0 ? (
              <p className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
                {list.source === "mirror" ? "No batches in Paydesk's copy yet, and USAePay could not be asked." : "This account has no batches yet: the first sale opens one."}
              </p>
            ) : (
              <>
                <BatchesTable base={base} rows={list.items} />
                <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
                  Net = sales − refunds; voids are not part of it. * Voids counted from Paydesk&apos;s copy of the batch&apos;s transactions (USAePay&apos;s batch list
                  has no voids; a batch&apos;s page shows USAePay&apos;s own figure).
                </p>
              </>
            )}
            <TablePager page={list.page} pageSize={list.pageSize} total={list.total} hrefFor={(target) => `${base}?page=${target}&pageSize=${list.pageSize}`} action={base} hidden={{ pageSize: list.pageSize }} />
          </div>
        </div>
      </div>
    </>
  );
}
