"use client";

import { useActionState, useId } from "react";
import { Field } from "@/components/forms/field";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { restorePreviousIntegratorKeyAction, setIntegratorKeyAction } from "@/lib/actions/merchants";
import { StepUpPrompt } from "../../../_components/step-up-prompt";

/** The installation's integrator key: checked with ClientPay, confirmed, the previous one kept for restore. */
export function IntegratorKeyForm({ previousHint }: { previousHint: string | null }) {
  const [state, formAction] = useActionState(setIntegratorKeyAction, IDLE);
  const [restoreState, restoreAction] = useActionState(restorePreviousIntegratorKeyAction, IDLE);
  useActionToast(restoreState);
  const formId = useId();
  const restoreFormId = useId();
  return (
    <div className="flex flex-col gap-4">
      <form id={formId} action={formAction} className="flex flex-col gap-4" autoComplete="off">
        {state.message && (
          <Notice tone={state.status === "error" ? "error" : "success"} data-testid="integrator-key-message">
            {state.message}
          </Notice>
        )}
        <Field id="integratorKey" label="New integrator key" errors={state.fieldErrors?.integratorKey} hint="Checked with ClientPay before it is stored; the one in use now is kept for restore.">
          <Input id="integratorKey" name="integratorKey" type="password" autoComplete="off" required />
        </Field>
      </form>
      <ConfirmDialog
        formId={formId}
        tone="primary"
        trigger={<Button variant="secondary">Check and save integrator key</Button>}
        title="Replace the integrator key?"
        description="Every account's ClientPay calls use it. It is checked with ClientPay first; if ClientPay refuses it, nothing changes."
        confirmLabel="Check and save"
      />
      <StepUpPrompt refused={state.stepUp ? state : restoreState} idPrefix="integrator-key" />
      {previousHint && (
        <div className="flex items-center justify-between gap-2 border-t border-slate-100 pt-3 text-sm">
          <span className="text-slate-600">
            Previous: <span className="font-mono" data-testid="integrator-previous-hint">{previousHint}</span>
          </span>
          <form id={restoreFormId} action={restoreAction} />
          <ConfirmDialog
            formId={restoreFormId}
            tone="primary"
            trigger={<Button size="sm" variant="secondary">Restore previous</Button>}
            title="Restore the previous integrator key?"
            description="It is used again at once; the current one becomes the previous one."
            confirmLabel="Restore previous"
          />
        </div>
      )}
    </div>
  );
}
