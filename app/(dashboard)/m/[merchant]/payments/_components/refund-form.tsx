"use client";

import { useActionState, useId, useState } from "react";
import { Field } from "@/components/forms/field";
import { announcing } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { refundClientpayPaymentAction } from "@/lib/actions/clientpay";
import { formatCents } from "@/lib/format-numbers";

interface RefundFormProps {
  slug: string;
  paymentId: string;
  token: string;
  plan: { action: "void" | "refund" | "either"; amountCents: number; remainingOnly: boolean };
}

/** What ClientPay will do, said before staff confirm (docs/clientpay-api.md, "Refund or void"). */
function explanation(plan: RefundFormProps["plan"]) {
  const amount = formatCents(plan.amountCents);
  if (plan.action === "void") return <>This payment has not settled yet, so ClientPay will <strong>void</strong> it: the {amount} is never collected from the payer.</>;
  if (plan.action === "refund") {
    return plan.remainingOnly ? (
      <>This payment was already partly refunded. ClientPay will <strong>refund the remaining {amount}</strong> to the payer.</>
    ) : (
      <>This payment has settled, so ClientPay will <strong>refund</strong> {amount} to the payer.</>
    );
  }
  return <>ClientPay will <strong>void</strong> this payment if it has not settled yet, or <strong>refund</strong> {amount} if it has.</>;
}

// A success re-renders the page without this form (the payment is no longer refundable): say so in a toast.
const refundAction = announcing(refundClientpayPaymentAction, { errors: false, testId: "refund-toast" });

/** Full refund or void of one payment: a one-time form, confirmed, with an optional note. */
export function RefundForm({ slug, paymentId, token, plan }: RefundFormProps) {
  const [state, formAction, pending] = useActionState(refundAction, IDLE);
  const [remainingConfirmed, setRemainingConfirmed] = useState(false);
  const formId = useId();
  const verb = plan.action === "void" ? "Void payment" : plan.action === "refund" ? `Refund ${formatCents(plan.amountCents)}` : "Refund or void";
  const done = state.status === "success";

  return (
    <Card>
      <CardHeader>
        <CardTitle>{plan.action === "void" ? "Void" : "Refund"}</CardTitle>
      </CardHeader>
      <CardBody>
        <form id={formId} action={formAction} className="flex flex-col gap-4" data-testid="refund-form" data-action={plan.action}>
          <input type="hidden" name="merchant" value={slug} />
          <input type="hidden" name="paymentId" value={paymentId} />
          <input type="hidden" name="token" value={token} />
          <p className="text-sm text-slate-700" data-testid="refund-explanation">
            {explanation(plan)}
          </p>
          <Field id="refund-note" label="Refund note (optional)" hint="Shown on the refund in ClientPay.">
            <Textarea id="refund-note" name="refundNote" maxLength={200} rows={2} disabled={done} />
          </Field>
          {plan.remainingOnly && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="enableRemainingAmountRefunds" className="mt-1" checked={remainingConfirmed} onChange={(event) => setRemainingConfirmed(event.target.checked)} disabled={done} />
              <span>Refund the remaining amount ({formatCents(plan.amountCents)}); the earlier partial refund stays as it is.</span>
            </label>
          )}
          <ConfirmDialog
            formId={formId}
            tone="danger"
            trigger={
              <Button type="button" variant="danger" disabled={pending || done || (plan.remainingOnly && !remainingConfirmed)} aria-busy={pending} className="self-start">
                {pending ? "Sending to ClientPay…" : verb}
              </Button>
            }
            title={plan.action === "void" ? "Void this payment?" : "Refund this payment?"}
            description={<>{explanation(plan)} This cannot be undone.</>}
            confirmLabel={plan.action === "void" ? "Void now" : "Refund now"}
          />
          {state.message && state.status === "error" && (
            <Notice tone="error" data-testid="refund-message">
              {state.message}
            </Notice>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
