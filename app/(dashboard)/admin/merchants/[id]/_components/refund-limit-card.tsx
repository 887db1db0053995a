"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { setRefundLimitAction } from "@/lib/actions/money-desk";
import { centsToDollarsText } from "@/lib/validation/dollars";

/** Refunds above this amount wait for a second manager or admin; empty turns the step off. */
export function RefundLimitCard({ merchantId, limitCents }: { merchantId: string; limitCents: number | null }) {
  const [state, formAction] = useActionState(setRefundLimitAction, IDLE);
  const values = state.values ?? {};
  return (
    <Card data-testid="refund-limit">
      <CardHeader>
        <CardTitle>Refund approval</CardTitle>
        <p className="text-sm text-slate-600">Refunds above this amount wait until another manager or admin approves them; the person who asked cannot.</p>
      </CardHeader>
      <CardBody>
        <form action={formAction} key={JSON.stringify(values)} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="merchantId" value={merchantId} />
          <Field id="refund-limit" label="Approval needed above ($)" errors={state.fieldErrors?.limit} hint="Leave empty for no limit.">
            <Input id="refund-limit" name="limit" inputMode="decimal" autoComplete="off" defaultValue={values.limit ?? (limitCents === null ? "" : centsToDollarsText(limitCents))} aria-invalid={!!state.fieldErrors?.limit} />
          </Field>
          <div>
            <SubmitButton pendingLabel="Saving…">Save limit</SubmitButton>
          </div>
          {state.message && (
            <Notice tone={state.status === "success" ? "success" : "error"} data-testid="refund-limit-message">
              {state.message}
            </Notice>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
