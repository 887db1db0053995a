"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { changePasswordAction } from "@/lib/actions/account";

export function ChangePasswordForm() {
  const [state, formAction] = useActionState(changePasswordAction, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {state.message && (
        <Notice tone={state.status === "error" ? "error" : "success"} data-testid="change-password-message">
          {state.message}
        </Notice>
      )}
      <Field id="currentPassword" label="Current password" errors={errors.currentPassword}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field id="newPassword" label="New password" errors={errors.newPassword} hint="At least 12 characters, not a common password.">
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
      </Field>
      <Field id="confirmPassword" label="New password again" errors={errors.confirmPassword}>
        <Input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Change password
      </SubmitButton>
    </form>
  );
}
