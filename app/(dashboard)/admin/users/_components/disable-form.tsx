"use client";

import { useActionState, useId } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE } from "@/lib/actions/action-state";
import { setUserDisabledAction } from "@/lib/actions/users";

export function DisableForm({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [state, formAction] = useActionState(setUserDisabledAction, IDLE);
  const formId = useId();
  useActionToast(state);

  return (
    <form id={formId} action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      {disabled ? (
        <Button type="submit" size="sm" variant="secondary">
          Enable
        </Button>
      ) : (
        <ConfirmDialog
          formId={formId}
          trigger={
            <Button type="button" size="sm" variant="dangerGhost">
              Disable
            </Button>
          }
          title={`Disable ${email}?`}
          description="They are signed out at once and cannot sign in until an admin enables them again."
          confirmLabel="Disable user"
        />
      )}
    </form>
  );
}
