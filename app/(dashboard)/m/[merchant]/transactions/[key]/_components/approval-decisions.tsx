"use client";

import { Field } from "@/components/forms/field";
import { MoneyForm } from "@/components/forms/money-form";
import { Input } from "@/components/ui/input";
import { approveRefundAction, rejectRefundAction } from "@/lib/actions/transaction-money";
import { formatCents } from "@/lib/format-numbers";

interface Request {
  id: string;
  amountCents: number;
  requestedByEmail: string;
  reason: string;
  card: string | null;
  customer: string | null;
  approveToken: string;
}

/** Approve (runs the refund, once) or reject someone else's refund request; both confirm first. */
export function ApprovalDecisions({ slug, request }: { slug: string; request: Request }) {
  const facts = (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
      <dt className="text-slate-500">Refund</dt>
      <dd className="font-medium">{formatCents(request.amountCents)}</dd>
      <dt className="text-slate-500">Card</dt>
      <dd className="font-medium">{request.card ?? "—"}</dd>
      <dt className="text-slate-500">Customer</dt>
      <dd className="font-medium">{request.customer ?? "—"}</dd>
      <dt className="text-slate-500">Asked by</dt>
      <dd className="font-medium">{request.requestedByEmail}</dd>
      <dt className="text-slate-500">Reason</dt>
      <dd className="font-medium">{request.reason}</dd>
    </dl>
  );
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <MoneyForm
        action={approveRefundAction}
        hidden={{ merchant: slug, request: request.id, token: request.approveToken }}
        testId="approve-form"
        reviewLabel="Approve"
        pendingLabel="Refunding…"
        tone="danger"
        fields={() => null}
        review={() => ({
          title: `Approve and refund ${formatCents(request.amountCents)}?`,
          confirmLabel: `Approve and refund ${formatCents(request.amountCents)}`,
          description: <>The refund is sent to USAePay now, once, in your name as the approver.{facts}</>,
        })}
      />
      <MoneyForm
        action={rejectRefundAction}
        hidden={{ merchant: slug, request: request.id }}
        testId="reject-form"
        reviewLabel="Reject"
        pendingLabel="Rejecting…"
        tone="primary"
        fields={(errors, values) => (
          <Field id={`reject-note-${request.id}`} label="Note (optional)" errors={errors.note}>
            <Input id={`reject-note-${request.id}`} name="note" maxLength={500} defaultValue={values.note ?? ""} aria-invalid={!!errors.note} />
          </Field>
        )}
        review={() => ({ title: "Reject this refund request?", confirmLabel: "Reject", description: <>Nothing is refunded; the requester sees your note.{facts}</> })}
      />
    </div>
  );
}
