import type { TransactionTotals } from "@/lib/dal/transactions";
import { formatCents } from "@/lib/format";

/**
 * The totals row of a filtered set: every matching row, not just this page, summed in the
 * database. Gross counts approved sales; refunds and credits count against it; voids,
 * authorizations not yet captured and declines are counted but move no money.
 */
export function TransactionTotalsRow({ totals, label = "All matching transactions" }: { totals: TransactionTotals; label?: string }) {
  const cell = "flex flex-col gap-0.5";
  const head = "text-xs font-medium uppercase tracking-wide text-slate-500";
  return (
    <div className="grid grid-cols-2 gap-3 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm sm:grid-cols-4" data-testid="totals-row" aria-label={`Totals: ${label}`} role="group">
      <div className={cell}>
        <span className={head}>{label}</span>
        <span className="font-semibold tabular-nums" data-testid="totals-count">
          {totals.count.toLocaleString("en-US")}
        </span>
      </div>
      <div className={cell}>
        <span className={head}>Gross ({totals.salesCount.toLocaleString("en-US")} sales)</span>
        <span className="font-semibold tabular-nums" data-testid="totals-gross">
          {formatCents(totals.grossCents)}
        </span>
      </div>
      <div className={cell}>
        <span className={head}>Refunds ({totals.refundsCount.toLocaleString("en-US")})</span>
        <span className="font-semibold tabular-nums" data-testid="totals-refunds">
          {formatCents(-totals.refundsCents)}
        </span>
      </div>
      <div className={cell}>
        <span className={head}>Net</span>
        <span className="font-semibold tabular-nums" data-testid="totals-net">
          {formatCents(totals.netCents)}
        </span>
      </div>
      <p className="col-span-2 text-xs text-slate-500 sm:col-span-4">Voids, uncaptured authorizations and declines are counted but move no money.</p>
    </div>
  );
}
