"use client";

import { useActionState, useEffect, useId, type ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

interface AccessIdActionFormProps {
  action: Action;
  slug: string;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  /** When set, the button opens a confirmation first and the form is submitted from it. */
  confirm?: { title: string; description: ReactNode; confirmLabel: string };
  disabled?: boolean;
  onResult: (state: ActionState) => void;
}

/** One access-ID action: a form carrying only the account slug, reporting its result upward. */
export function AccessIdActionForm({ action, slug, label, pendingLabel, variant = "secondary", confirm, disabled, onResult }: AccessIdActionFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formId = useId();
  useEffect(() => {
    if (state.status !== "idle") onResult(state);
  }, [state, onResult]);

  return (
    <form id={formId} action={formAction}>
      <input type="hidden" name="merchant" value={slug} />
      {confirm ? (
        <ConfirmDialog
          formId={formId}
          tone={variant === "danger" ? "danger" : "primary"}
          trigger={
            <Button type="button" variant={variant} className="w-full" disabled={disabled || pending} aria-busy={pending}>
              {pending ? pendingLabel : label}
            </Button>
          }
          title={confirm.title}
          description={confirm.description}
          confirmLabel={confirm.confirmLabel}
        />
      ) : (
        // SubmitButton lets a passed `disabled` win over its pending state, so pass it only when set.
        <SubmitButton variant={variant} className="w-full" pendingLabel={pendingLabel} {...(disabled ? { disabled } : {})}>
          {label}
        </SubmitButton>
      )}
    </form>
  );
}
