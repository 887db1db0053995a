"use client";

import { useActionState, useEffect, useId } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE } from "@/lib/actions/action-state";
import { setUserDisabledAction } from "@/lib/actions/users";

export function DisableForm({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const [state, formAction] = useActionState(setUserDisabledAction, IDLE);
  const formId = useId();
  useEffect(() => {
    if (state.status === "success" && state.message) toast.success(state.message);
    if (state.status === "error" && state.message) toast.error(state.message);
  }, [state]);

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
            <Button type="button" size="sm" variant="ghost" className="text-red-700">
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
