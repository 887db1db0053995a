"use client";

import { useActionState, useId, useState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { resetTwoFactorAction, setTemporaryPasswordAction } from "@/lib/actions/users";
import { StepUpPrompt } from "../../../_components/step-up-prompt";

/** An admin's help for a locked-out colleague: reset their 2FA, or give them a temporary password. */
export function UserSecurityActions({ userId, email, twoFactorEnabled }: { userId: string; email: string; twoFactorEnabled: boolean }) {
  const [resetState, resetAction] = useActionState(resetTwoFactorAction, IDLE);
  const [passwordState, passwordAction] = useActionState(setTemporaryPasswordAction, IDLE);
  const [showPassword, setShowPassword] = useState(false);
  useActionToast(resetState);
  const resetFormId = useId();
  const refused = resetState.stepUp ? resetState : passwordState;

  return (
    <div className="flex w-full flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {twoFactorEnabled && (
          <>
            <form id={resetFormId} action={resetAction}>
              <input type="hidden" name="userId" value={userId} />
            </form>
            <ConfirmDialog
              formId={resetFormId}
              trigger={<Button size="sm" variant="dangerGhost">Reset 2FA</Button>}
              title={`Reset two-factor sign-in for ${email}?`}
              description="Their authenticator and recovery codes stop working and their sessions end. They set up 2FA again at their next sign-in. Do this only after confirming who is asking."
              confirmLabel="Reset 2FA"
            />
          </>
        )}
        <Button size="sm" variant="ghost" onClick={() => setShowPassword((shown) => !shown)} aria-expanded={showPassword}>
          Temporary password
        </Button>
      </div>
      {showPassword && (
        <form action={passwordAction} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3" autoComplete="off">
          {passwordState.message && (
            <Notice tone={passwordState.status === "error" ? "error" : "success"} data-testid={`temporary-password-message-${email}`}>
              {passwordState.message}
            </Notice>
          )}
          <input type="hidden" name="userId" value={userId} />
          <Field id={`temporary-password-${userId}`} label={`Temporary password for ${email}`} errors={passwordState.fieldErrors?.password} hint="They must replace it at their next sign-in. Share it privately.">
            <Input id={`temporary-password-${userId}`} name="password" type="password" autoComplete="new-password" required />
          </Field>
          <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
            Set temporary password
          </SubmitButton>
        </form>
      )}
      <StepUpPrompt refused={refused} idPrefix={`user-${userId}`} />
    </div>
  );
}
