"use client";

import { useActionState, useId } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { removeWebhookAction, setWebhookKeyAction } from "@/lib/actions/webhooks";

/** The webhook card's forms: store or replace the signature key, or turn webhooks off (confirmed first). */
export function WebhookKeyForm({ merchantId, on }: { merchantId: string; on: boolean }) {
  const [state, formAction] = useActionState(setWebhookKeyAction, IDLE);
  const [removeState, removeAction] = useActionState(removeWebhookAction, IDLE);
  useActionToast(removeState);
  const removeFormId = useId();
  return (
    <>
      <form action={formAction} className="flex flex-col gap-3 border-t border-slate-100 pt-4" autoComplete="off">
        {state.message && (
          <Notice tone={state.status === "error" ? "error" : "success"} data-testid="webhook-message">
            {state.message}
          </Notice>
        )}
        <input type="hidden" name="merchantId" value={merchantId} />
        <Field id="webhook-signature-key" label={on ? "New signature key" : "Signature key"} errors={state.fieldErrors?.signatureKey}>
          <Input id="webhook-signature-key" name="signatureKey" type="password" autoComplete="off" spellCheck={false} required />
        </Field>
        <div className="flex flex-wrap gap-2">
          <SubmitButton pendingLabel="Saving…">{on ? "Replace signature key" : "Turn on webhooks"}</SubmitButton>
          {on && (
            <ConfirmDialog
              formId={removeFormId}
              trigger={<Button variant="dangerGhost">Turn off</Button>}
              title="Turn off webhooks?"
              description="Deliveries to this URL are refused from now on, and the background sync goes back to keeping the mirror fresh on its own."
              confirmLabel="Turn off"
            />
          )}
        </div>
      </form>
      <form id={removeFormId} action={removeAction}>
        <input type="hidden" name="merchantId" value={merchantId} />
      </form>
    </>
  );
}
