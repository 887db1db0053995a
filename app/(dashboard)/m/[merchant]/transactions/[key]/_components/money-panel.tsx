import Link from "next/link";
import { ActionButtonForm } from "@/components/forms/action-button-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Figure } from "@/components/ui/figure";
import { Notice } from "@/components/ui/notice";
import { checkMoneyOutcomeAction } from "@/lib/actions/transaction-money";
import type { TransactionDto, TransactionMoneyPanel } from "@/lib/dal/transactions";
import { formatCents } from "@/lib/format";
import { MONEY_REASONS } from "@/lib/validation/money-reasons";
import { ApprovalDecisions } from "./approval-decisions";
import { AttemptHistory, OPERATION_LABELS } from "./attempt-history";
import { TransactionActions } from "./transaction-actions";
import { DateTime } from "../../../../../_components/date-time";

const reasonOf = (code: string, text: string | null) => [MONEY_REASONS[code as keyof typeof MONEY_REASONS] ?? code, text].filter(Boolean).join(" — ");

/** Refunds so far, what is left, and what may be done now; read only for viewers. */
export function MoneyPanel({ slug, tx, money }: { slug: string; tx: TransactionDto; money: TransactionMoneyPanel }) {
  const base = `/m/${slug}`;
  const { position, blocking } = money;
  const anyForm = Object.keys(money.forms).length > 0;
  const pending = money.approvals.filter((approval) => approval.status === "pending");

  return (
    <Card data-testid="money-panel">
      <CardHeader>
        <CardTitle>Money</CardTitle>
      </CardHeader>
      <CardBody className="flex flex-col gap-4">
        {position && (
          <div>
            <dl className="grid grid-cols-3 gap-3 text-sm" data-testid="refund-position" data-source={position.source}>
              <Figure label="Original" testId="position-original">
                {formatCents(position.originalCents)}
              </Figure>
              <Figure label="Already refunded" testId="position-refunded">
                {formatCents(position.refundedCents)}
              </Figure>
              <Figure label="Remaining refundable" testId="position-remaining">
                {formatCents(position.remainingCents)}
              </Figure>
            </dl>
            <p className="mt-2 text-xs text-slate-500" data-testid="position-source">
              {position.source === "gateway"
                ? "From the refunds USAePay lists for this sale."
                : "USAePay lists no refunds for this sale, so this counts the refunds in Paydesk's own copy (made here or linked before)."}
            </p>
            {position.refunds.length > 0 && (
              <ul className="mt-2 flex flex-col gap-1 text-sm" data-testid="linked-refunds">
                {position.refunds.map((refund) => (
                  <li key={refund.key} className="flex justify-between gap-2">
                    <Link href={`${base}/transactions/${encodeURIComponent(refund.key)}`} className="text-brand-700 hover:underline">
                      Refund #{refund.refnum || refund.key}
                      {refund.createdAt ? <> · <DateTime value={refund.createdAt} /></> : ""}
                    </Link>
                    <span className="tabular-nums">
                      {refund.voided ? <Badge tone="neutral">voided</Badge> : null} −{formatCents(refund.amountCents)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {tx.refundOfKey && (
          <p className="text-sm" data-testid="refund-of">
            A refund of{" "}
            <Link href={`${base}/transactions/${encodeURIComponent(tx.refundOfKey)}`} className="text-brand-700 hover:underline">
              the original sale
            </Link>
            .
          </p>
        )}

        {blocking && (
          <Notice tone="error" data-testid="money-blocking" data-status={blocking.status}>
            <p>
              {blocking.status === "unknown" ? (
                <>
                  <strong>Outcome unknown:</strong> the {OPERATION_LABELS[blocking.operation] ?? blocking.operation}
                  {blocking.amountCents !== null ? ` of ${formatCents(blocking.amountCents)}` : ""} started by {blocking.actorEmail ?? "someone"} at{" "}
                  <DateTime value={blocking.startedAt} /> got no answer from USAePay, so whether it went through is not known. Nothing else can be done to this
                  transaction until it is checked; nothing will be sent again.
                </>
              ) : (
                <>
                  A {OPERATION_LABELS[blocking.operation] ?? blocking.operation} started by {blocking.actorEmail ?? "someone"} is waiting for USAePay&apos;s answer.
                  Reload in a moment.
                </>
              )}
            </p>
            {money.canReconcile && (
              <div className="mt-2">
                <ActionButtonForm action={checkMoneyOutcomeAction} hidden={{ merchant: slug, attempt: blocking.id }} label="Check the outcome" pendingLabel="Asking USAePay…" testId="reconcile" />
              </div>
            )}
          </Notice>
        )}

        {pending.map((approval) => (
          <Notice key={approval.id} data-testid="pending-approval">
            <p>
              <strong>Waiting for approval:</strong> a refund of {formatCents(approval.amountCents)} asked by {approval.requestedByEmail} on{" "}
              <DateTime value={approval.requestedAt} /> ({reasonOf(approval.reasonCode, approval.reasonText)}).{" "}
              {approval.canDecide ? "You may approve or reject it." : "Another manager or admin must decide it."}
            </p>
            {approval.canDecide && approval.approveToken && (
              <div className="mt-2">
                <ApprovalDecisions
                  slug={slug}
                  request={{ id: approval.id, amountCents: approval.amountCents, requestedByEmail: approval.requestedByEmail, reason: reasonOf(approval.reasonCode, approval.reasonText), card: approval.card, customer: approval.customer, approveToken: approval.approveToken }}
                />
              </div>
            )}
          </Notice>
        ))}

        {anyForm ? (
          <>
            <p className="text-xs text-slate-500" data-testid="actions-source" data-offered-by={money.offeredBy}>
              {money.offeredBy === "gateway"
                ? "These are the actions USAePay offers for this transaction right now."
                : "USAePay could not be asked just now, so these actions follow Paydesk's rules from the local copy's status; USAePay checks again when you send one."}
              {money.approvalAboveCents !== null ? ` Refunds above ${formatCents(money.approvalAboveCents)} need a second person's approval.` : ""}
            </p>
            <TransactionActions
              slug={slug}
              txKey={tx.key}
              forms={money.forms}
              confirm={money.confirm}
              remainingCents={position?.remainingCents ?? null}
              authorizedCents={tx.authAmountCents ?? tx.amountCents}
              refundedCents={position?.refundedCents ?? 0}
              releaseOffered={money.offered.release}
              approvalAboveCents={money.approvalAboveCents}
            />
          </>
        ) : (
          !blocking && (
            <p className="text-sm text-slate-600" data-testid="no-actions">
              {Object.values(money.offered).some(Boolean)
                ? "Your role cannot move money on this transaction."
                : "No money action is open for this transaction now (for example it is settled and fully refunded, voided, or declined)."}
            </p>
          )
        )}

        {money.attempts.length > 0 && <AttemptHistory attempts={money.attempts} />}
      </CardBody>
    </Card>
  );
}
