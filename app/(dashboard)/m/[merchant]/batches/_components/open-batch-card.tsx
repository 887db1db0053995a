import Link from "next/link";
import { DateTime } from "../../../../_components/date-time";
import { ActionButtonForm } from "@/components/forms/action-button-form";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Figure } from "@/components/ui/figure";
import { Notice } from "@/components/ui/notice";
import { checkMoneyOutcomeAction } from "@/lib/actions/transaction-money";
import type { OpenBatch } from "@/lib/dal/batches";
import { formatCents } from "@/lib/format";
import { CloseBatchForm } from "./close-batch-form";

/** The open batch's running totals (USAePay's figures beside the sum of Paydesk's copy), and Close for admins. */
export function OpenBatchCard({ slug, open, canReconcile }: { slug: string; open: OpenBatch; canReconcile: boolean }) {
  const { batch, totals } = open;
  const label = batch.refnum ?? batch.key;
  return (
    <Card data-testid="open-batch">
      <CardHeader>
        <CardTitle>
          Open batch{" "}
          <Link href={`/m/${slug}/batches/${encodeURIComponent(batch.key)}`} className="text-brand-700 underline hover:no-underline">
            {label}
          </Link>
        </CardTitle>
        <p className="text-sm text-slate-600">Opened {batch.openedAt ? <DateTime value={batch.openedAt} withZone /> : "—"}. Running totals:</p>
      </CardHeader>
      <CardBody className="flex flex-col gap-4">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Figure label="Sales" testId="open-sales">
            {totals.salesCount} · {formatCents(totals.grossCents)}
          </Figure>
          <Figure label="Refunds" testId="open-refunds">
            {totals.refundsCount} · {formatCents(-totals.refundsCents)}
          </Figure>
          <Figure label="Voids">
            {totals.voidsCount} · {formatCents(totals.voidsCents)}
          </Figure>
          <Figure label="Net" testId="open-net">
            {formatCents(totals.netCents)}
          </Figure>
        </dl>
        <p className="text-xs text-slate-500">
          Summed from Paydesk&apos;s copy of the batch&apos;s transactions{batch.netCents !== null ? `; USAePay last reported a net ${formatCents(batch.netCents)}` : ""}.
        </p>
        {open.blocking && (
          <Notice tone="error" data-testid="batch-blocking">
            {open.blocking.status === "unknown"
              ? "Closing this batch got no answer from USAePay, so whether it closed is not known. Check before trying again."
              : "A close of this batch is waiting for USAePay's answer. Reload in a moment."}
            {canReconcile && open.blocking.status === "unknown" && (
              <div className="mt-2">
                <ActionButtonForm action={checkMoneyOutcomeAction} hidden={{ merchant: slug, attempt: open.blocking.id }} label="Check the outcome" pendingLabel="Asking USAePay…" testId="reconcile" />
              </div>
            )}
          </Notice>
        )}
        {open.closeToken && <CloseBatchForm slug={slug} batchKey={batch.key} label={label} token={open.closeToken} count={totals.count} netCents={totals.netCents} />}
      </CardBody>
    </Card>
  );
}
