import { Badge } from "@/components/ui/badge";
import type { MoneyAttemptDto } from "@/lib/dal/transactions";
import { formatCents } from "@/lib/format";
import { MONEY_REASONS } from "@/lib/validation/money-reasons";
import { DateTime } from "../../../../../_components/date-time";

export const OPERATION_LABELS: Record<string, string> = {
  refund: "refund",
  void: "void",
  capture: "capture",
  adjust: "adjustment",
  charge: "charge",
  batch_close: "batch close",
};

const STATUS: Record<MoneyAttemptDto["status"], { label: string; tone: "good" | "bad" | "warn" | "neutral" }> = {
  succeeded: { label: "Done", tone: "good" },
  declined: { label: "Declined", tone: "bad" },
  failed: { label: "Not done", tone: "neutral" },
  unknown: { label: "Outcome unknown", tone: "warn" },
  pending: { label: "Waiting", tone: "warn" },
};

/** Every attempt to move money on this record, newest first: who, why, what USAePay said. */
export function AttemptHistory({ attempts }: { attempts: MoneyAttemptDto[] }) {
  return (
    <section aria-labelledby="attempts-heading">
      <h3 id="attempts-heading" className="mb-2 text-sm font-semibold">
        History
      </h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" data-testid="money-attempts">
        {attempts.map((attempt) => (
          <li key={attempt.id} className="flex flex-col gap-1 px-3 py-2" data-testid="money-attempt" data-status={attempt.status} data-operation={attempt.operation}>
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS[attempt.status].tone}>{STATUS[attempt.status].label}</Badge>
              <span className="font-medium capitalize">{OPERATION_LABELS[attempt.operation] ?? attempt.operation}</span>
              {attempt.amountCents !== null && <span className="tabular-nums">{formatCents(attempt.amountCents)}</span>}
              <span className="text-slate-500">
                <DateTime value={attempt.startedAt} /> · {attempt.actorEmail ?? "system"}
              </span>
              {attempt.resultRef && <span className="text-slate-500">ref {attempt.resultRef}</span>}
            </div>
            {attempt.reasonCode && (
              <p className="text-slate-600">Reason: {[MONEY_REASONS[attempt.reasonCode as keyof typeof MONEY_REASONS] ?? attempt.reasonCode, attempt.reasonText].filter(Boolean).join(" — ")}</p>
            )}
            {attempt.message && <p className="text-slate-600">{attempt.message}</p>}
            {attempt.reconciledAt && <p className="text-xs text-slate-500">Checked with USAePay at <DateTime value={attempt.reconciledAt} />.</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
