import Form from "next/form";
import Link from "next/link";
import { BarList } from "@/components/charts/bar-list";
import { DailyVolumeChart } from "@/components/charts/daily-volume-chart";
import { PageHeader } from "@/components/shell/page-header";
import { DateTime } from "./_components/date-time";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { requirePermission } from "@/lib/auth/session";
import { listAccessibleMerchants } from "@/lib/dal/merchants";
import { getOverview, type PeriodTotals } from "@/lib/dal/overview";
import { formatCents, formatCount, formatRatio, formatRelative } from "@/lib/format";
import { PERIOD_LABELS, periodParam, periodSchema, type PeriodName } from "@/lib/validation/overview";
import { firstParam } from "@/lib/validation/table-state";

export const metadata = { title: "Overview" };


function Metric({ label, value, testId, note }: { label: string; value: string; testId: string; note?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>
        <span className="font-medium">{value}</span>
        {note && <span className="ml-1 text-xs text-slate-500">{note}</span>}
      </dd>
    </div>
  );
}

function PeriodCard({ name, totals }: { name: PeriodName; totals: PeriodTotals }) {
  return (
    <Card data-testid={`period-${name}`}>
      <CardHeader>
        <CardTitle>{PERIOD_LABELS[name]}</CardTitle>
        <p className="text-2xl font-semibold tabular-nums" data-testid="metric-gross">
          {formatCents(totals.grossCents)}
        </p>
        <p className="text-xs text-slate-500">gross volume</p>
      </CardHeader>
      <CardBody>
        <dl className="flex flex-col gap-2">
          <Metric label="Sales" value={formatCount(totals.salesCount)} testId="metric-sales" />
          <Metric label="Approval rate" value={formatRatio(totals.approvalRate)} testId="metric-approval" />
          <Metric label="Declines" value={formatCount(totals.declinedCount)} note={formatCents(totals.declinedCents)} testId="metric-declines" />
          <Metric label="Refunds" value={formatCents(totals.refundCents)} note={`${formatCount(totals.refundCount)}×`} testId="metric-refunds" />
          <Metric label="Net" value={formatCents(totals.netCents)} testId="metric-net" />
        </dl>
      </CardBody>
    </Card>
  );
}

/**
 * The overview: the numbers of the accounts the viewer may see (or one of them), from the local
 * mirror. All of it is server-rendered, the chart included; the only client code on the page is
 * the shell's.
 */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("dashboard:view");
  const params = await searchParams;
  const merchants = await listAccessibleMerchants(viewer);

  if (merchants.length === 0) {
    return (
      <>
        <PageHeader title="Overview" />
        <Card>
          <CardBody className="text-sm text-slate-600" data-testid="no-merchants">
            {viewer.role === "ADMIN" ? (
              <>
                No merchant accounts yet. <Link href="/admin/merchants" className="text-brand-700 underline">Add one</Link>.
              </>
            ) : (
              "No merchant account has been shared with you yet. Ask an administrator for access."
            )}
          </CardBody>
        </Card>
      </>
    );
  }

  const account = firstParam(params, "account") ?? "";
  const period = periodSchema.parse(firstParam(params, "period"));
  const overview = await getOverview(viewer, { account: account || undefined });
  const periodHref = (name: PeriodName) => `/?${new URLSearchParams({ ...(overview.selected ? { account: overview.selected.slug } : {}), period: periodParam(name) })}`;

  return (
    <>
      <PageHeader
        title="Overview"
        description={`${overview.selected ? overview.selected.name : `All ${merchants.length === 1 ? "your account" : `${merchants.length} accounts`}`} · days in ${overview.zone}`}
        actions={
          <Form action="/" className="flex items-end gap-2" data-testid="overview-filter">
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Account
              <NativeSelect name="account" defaultValue={overview.selected?.slug ?? ""} data-testid="overview-account">
                <option value="">All accounts</option>
                {overview.accounts.map((option) => (
                  <option key={option.slug} value={option.slug}>
                    {option.name}
                  </option>
                ))}
              </NativeSelect>
            </label>
            <input type="hidden" name="period" value={periodParam(period)} />
            <Button type="submit" variant="secondary" data-testid="overview-apply">
              Show
            </Button>
          </Form>
        }
      />
      {account && !overview.selected && (
        <p className="mb-4 text-sm text-amber-700" data-testid="overview-unknown-account">
          That account is not one you can see; showing all of yours.
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-3">
        {(["today", "week", "month"] as const).map((name) => (
          <PeriodCard key={name} name={name} totals={overview.periods[name]} />
        ))}
      </div>

      <Card className="mt-4">
        <CardHeader>
          <CardTitle>Daily volume</CardTitle>
        </CardHeader>
        <CardBody>
          <DailyVolumeChart points={overview.days} zone={overview.zone} />
        </CardBody>
      </Card>

      <nav aria-label="Period of the rankings" className="mt-6 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Rankings for:</span>
        {(["today", "week", "month"] as const).map((name) => (
          <Link
            key={name}
            href={periodHref(name)}
            aria-current={name === period ? "page" : undefined}
            className={cn("rounded-md px-3 py-1.5 hover:bg-slate-100", name === period && "bg-brand-50 font-medium text-brand-700")}
            data-testid={`rankings-${periodParam(name)}`}
          >
            {PERIOD_LABELS[name]}
          </Link>
        ))}
      </nav>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Decline reasons</CardTitle>
            <p className="text-xs text-slate-500">{PERIOD_LABELS[period]}, most frequent first</p>
          </CardHeader>
          <CardBody>
            <BarList items={overview.declineReasons[period]} label={`Decline reasons, ${PERIOD_LABELS[period]}`} empty="No declines in this period." testId="decline-reasons" color="#dc2626" />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Card mix</CardTitle>
            <p className="text-xs text-slate-500">{PERIOD_LABELS[period]}, approved sales by card type</p>
          </CardHeader>
          <CardBody>
            <BarList items={overview.cardMix[period]} label={`Card mix, ${PERIOD_LABELS[period]}`} empty="No sales in this period." testId="card-mix" />
          </CardBody>
        </Card>
      </div>

      <h2 className="mt-8 mb-3 text-lg font-semibold">Accounts</h2>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="account-statuses">
        {overview.statuses.map((status) => (
          <Card key={status.slug} data-testid="account-status">
            <CardHeader>
              <CardTitle>{status.name}</CardTitle>
              <p className="text-xs text-slate-500" data-testid="sync-freshness">
                {status.syncedAt ? `Transactions synced ${formatRelative(status.syncedAt)}` : "Not synced yet"}
                {status.syncError ? ` · last sync failed: ${status.syncError}` : ""}
              </p>
            </CardHeader>
            <CardBody className="flex flex-col gap-3 text-sm">
              {status.openBatch ? (
                <dl className="flex flex-col gap-1" data-testid="open-batch">
                  <Metric label={`Open batch${status.openBatch.batchRefnum ? ` #${status.openBatch.batchRefnum}` : ""}`} value={formatCents(status.openBatch.totalCents)} testId="open-batch-total" />
                  <Metric label="Transactions in it" value={formatCount(status.openBatch.count)} testId="open-batch-count" />
                  <div className="flex items-baseline justify-between gap-3">
                    <dt className="text-slate-600">Closes</dt>
                    <dd className="text-right" data-testid="open-batch-closes">
                      {status.openBatch.closesAt ? <DateTime value={status.openBatch.closesAt} withZone /> : "at the gateway's schedule (no cut-off set)"}
                    </dd>
                  </div>
                </dl>
              ) : (
                <p className="text-slate-600" data-testid="open-batch-none">No open batch in the local copy.</p>
              )}
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                <Link href={`/m/${status.slug}/transactions`} className="text-brand-700 hover:underline">
                  Transactions
                </Link>
                <Link href={`/m/${status.slug}/customers`} className="text-brand-700 hover:underline">
                  Customers
                </Link>
                <Link href={`/m/${status.slug}/access-ids`} className="text-brand-700 hover:underline">
                  Access IDs
                </Link>
              </div>
            </CardBody>
          </Card>
        ))}
      </div>
      <p className="mt-6 text-xs text-slate-500">
        From the local copy of each account. Gross volume: approved sales (not refunds, voids or authorizations only). Net: gross less refunds. Approval rate:
        approved charges of all charges attempted.
      </p>
    </>
  );
}
