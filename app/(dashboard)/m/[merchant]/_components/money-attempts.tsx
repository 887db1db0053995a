import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionState } from "@/lib/actions/action-state";
import type { MoneyAttemptDto } from "@/lib/dal/clientpay-payments";
import { formatCents } from "@/lib/format";
import { DateTime } from "../../../_components/date-time";

const STATUS: Record<MoneyAttemptDto["status"], { label: string; tone: "good" | "bad" | "warn" | "neutral" | "info" }> = {
  pending: { label: "In progress", tone: "info" },
  succeeded: { label: "Done", tone: "good" },
  declined: { label: "Declined", tone: "bad" },
  failed: { label: "Not done", tone: "neutral" },
  unknown: { label: "Outcome unknown", tone: "warn" },
};

const OPERATION: Record<string, string> = { refund: "Refund or void", charge: "Charge", payment_page: "Payment request" };

/** Every money attempt on this record, newest first; an unknown one offers "Check the outcome". */
export function MoneyAttempts({ attempts, slug, check }: { attempts: MoneyAttemptDto[]; slug: string; check: ((previous: ActionState, formData: FormData) => Promise<ActionState>) | null }) {
  if (attempts.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Money actions</CardTitle>
      </CardHeader>
      <CardBody>
        <ul className="flex flex-col divide-y divide-slate-100" data-testid="money-attempts">
          {attempts.map((attempt) => (
            <li key={attempt.id} className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0" data-testid="money-attempt" data-status={attempt.status}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={STATUS[attempt.status].tone}>{STATUS[attempt.status].label}</Badge>
                <span className="font-medium">{OPERATION[attempt.operation] ?? attempt.operation}</span>
                {attempt.amountCents !== null && <span className="tabular-nums">{formatCents(attempt.amountCents)}</span>}
                <span className="text-slate-500">
                  <DateTime value={attempt.startedAt} /> by {attempt.actorEmail ?? "unknown"}
                </span>
              </div>
              {attempt.reasonText && <p className="text-sm text-slate-600">Note: {attempt.reasonText}</p>}
              {attempt.message && <p className="text-sm text-slate-700">{attempt.message}</p>}
              {attempt.status === "unknown" && check && (
                <ActionButton action={check} fields={{ merchant: slug, attemptId: attempt.id }} label="Check the outcome" pendingLabel="Checking with ClientPay…" messageTestId="attempt-check-message" />
              )}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
