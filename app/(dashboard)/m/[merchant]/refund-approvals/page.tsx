import Link from "next/link";
import { TablePager } from "@/components/data-table/table-pager";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { requirePermission } from "@/lib/auth/session";
import { getMerchant } from "@/lib/dal/merchants";
import { listRefundApprovals } from "@/lib/dal/refund-approvals";
import { formatCents } from "@/lib/format";
import { MONEY_REASONS } from "@/lib/validation/money-reasons";
import { firstParam, parsePageParams } from "@/lib/validation/table-state";
import { DateTime } from "../../../_components/date-time";

export const metadata = { title: "Refund approvals" };

/** Refunds above the account's limit that wait for a second person; decided on each transaction's page. */
export default async function RefundApprovalsPage({ params, searchParams }: { params: Promise<{ merchant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("refunds:approve");
  const { merchant: slug } = await params;
  const search = await searchParams;
  const status = firstParam(search, "status") === "decided" ? "decided" : "pending";
  const paging = parsePageParams(search);
  const merchant = await getMerchant(viewer, slug);
  const queue = await listRefundApprovals(viewer, slug, status, paging);
  const base = `/m/${merchant.slug}/refund-approvals`;
  const tab = (value: "pending" | "decided", label: string) => (
    <Link
      href={value === "pending" ? base : `${base}?status=decided`}
      aria-current={status === value ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm ${status === value ? "bg-brand-100 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );

  return (
    <>
      <PageHeader
        title="Refund approvals"
        description={
          queue.limitCents === null
            ? `${merchant.name} · no refund limit is set, so refunds do not wait for approval (an admin sets it on the account's page).`
            : `${merchant.name} · refunds above ${formatCents(queue.limitCents)} wait for a second manager or admin. The requester cannot decide their own.`
        }
      />
      <nav aria-label="Requests" className="mb-4 flex gap-2">
        {tab("pending", "Waiting")}
        {tab("decided", "Decided")}
      </nav>
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        {queue.requests.total === 0 ? (
          <p className="p-8 text-center text-sm text-slate-600" data-testid="table-empty">
            {status === "pending" ? "No refund is waiting for approval." : "No decided requests yet."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="approval-requests">
            {queue.requests.items.map((request) => (
              <li key={request.id} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between" data-testid="approval-request">
                <div>
                  <Link href={`/m/${merchant.slug}/transactions/${encodeURIComponent(request.transactionKey)}`} className="font-medium text-brand-700 hover:underline">
                    Refund {formatCents(request.amountCents)}
                    {request.card ? ` to ${request.card}` : ""}
                    {request.customer ? ` (${request.customer})` : ""}
                  </Link>
                  <p className="text-slate-600">
                    Asked by {request.requestedByEmail} on <DateTime value={request.requestedAt} /> ·{" "}
                    {[MONEY_REASONS[request.reasonCode as keyof typeof MONEY_REASONS] ?? request.reasonCode, request.reasonText].filter(Boolean).join(" — ")}
                  </p>
                  {request.decidedByEmail && (
                    <p className="text-slate-500">
                      {request.status === "approved" ? "Approved" : "Rejected"} by {request.decidedByEmail}
                      {request.decidedAt ? <> on <DateTime value={request.decidedAt} /></> : ""}
                      {request.decisionNote ? `: ${request.decisionNote}` : ""}
                    </p>
                  )}
                </div>
                <Badge tone={request.status === "pending" ? "warn" : request.status === "approved" ? "good" : "neutral"}>
                  {request.status === "pending" ? (request.canDecide ? "Waiting for you or another manager" : "Waiting for someone else") : request.status}
                </Badge>
              </li>
            ))}
          </ul>
        )}
        <TablePager
          page={queue.requests.page}
          pageSize={queue.requests.pageSize}
          total={queue.requests.total}
          hrefFor={(target) => `${base}?${status === "decided" ? "status=decided&" : ""}page=${target}`}
          action={base}
          hidden={{ status: status === "decided" ? "decided" : undefined }}
        />
      </div>
    </>
  );
}
