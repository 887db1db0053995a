"use client";

import { useActionState } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { SubmitButton } from "@/components/forms/submit-button";
import { NativeSelect } from "@/components/ui/input";
import { IDLE } from "@/lib/actions/action-state";
import { changeUserRoleAction } from "@/lib/actions/users";
import { ROLE_LABELS, ROLES, type RoleName } from "@/lib/auth/permissions";
import { StepUpPrompt } from "../../../_components/step-up-prompt";

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: RoleName }) {
  const [state, formAction] = useActionState(changeUserRoleAction, IDLE);
  useActionToast(state);

  return (
    <div className="flex flex-col gap-2">
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        Role for {email}
      </label>
      <NativeSelect id={`role-${userId}`} name="role" defaultValue={role} compact>
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {ROLE_LABELS[value]}
          </option>
        ))}
      </NativeSelect>
      <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
        Change role
      </SubmitButton>
    </form>
    <StepUpPrompt refused={state} idPrefix={`role-${userId}`} />
    </div>
  );
}
