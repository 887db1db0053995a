"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { setIntegratorKeyAction } from "@/lib/actions/merchants";

export function IntegratorKeyForm() {
  const [state, formAction] = useActionState(setIntegratorKeyAction, IDLE);
  return (
    <form action={formAction} className="flex flex-col gap-4" autoComplete="off">
      {state.message && (
        <Notice tone={state.status === "error" ? "error" : "success"} data-testid="integrator-key-message">
          {state.message}
        </Notice>
      )}
      <Field id="integratorKey" label="New integrator key" errors={state.fieldErrors?.integratorKey}>
        <Input id="integratorKey" name="integratorKey" type="password" autoComplete="off" required />
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save integrator key
      </SubmitButton>
    </form>
  );
}
