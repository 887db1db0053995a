import type { ClientpayTotals } from "@/lib/dal/clientpay-payments";
import { formatCents } from "@/lib/format";

/** Totals of the filtered set (not just this page): what was taken, given back, and kept. */
export function PaymentsTotals({ totals }: { totals: ClientpayTotals }) {
  const item = (label: string, value: string, testId: string) => (
    <div className="flex flex-col">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-base font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <dl className="mb-4 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4" aria-label="Totals for the filtered payments" data-testid="payments-totals">
      {item("Payments", totals.count.toLocaleString("en-US"), "total-count")}
      {item("Collected", formatCents(totals.collectedCents), "total-collected")}
      {item("Refunded", formatCents(totals.refundedCents), "total-refunded")}
      {item("Net", formatCents(totals.netCents), "total-net")}
    </dl>
  );
}
