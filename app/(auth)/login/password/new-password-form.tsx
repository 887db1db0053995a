"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { changeTemporaryPasswordAction } from "@/lib/actions/sign-in-steps";

export function NewPasswordForm({ callbackPath }: { callbackPath: string }) {
  const [state, formAction] = useActionState(changeTemporaryPasswordAction, IDLE);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {state.message && (
        <Notice tone="error" data-testid="new-password-message">
          {state.message}
        </Notice>
      )}
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      <Field id="newPassword" label="New password" errors={state.fieldErrors?.newPassword}>
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required autoFocus />
      </Field>
      <Field id="confirmPassword" label="New password again" errors={state.fieldErrors?.confirmPassword}>
        <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save and continue</SubmitButton>
    </form>
  );
}
