"use client";

import { useActionState, useId, useMemo, type ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { announcing } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

interface ActionButtonProps {
  action: Action;
  /** Hidden fields the action needs (the account slug, a record id); never a secret. */
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  /** When set, the button opens a confirmation first and the form is submitted from it. */
  confirm?: { title: string; description: ReactNode; confirmLabel: string };
  disabled?: boolean;
  /** The result message's test id (the inline error, or the success toast). */
  messageTestId?: string;
  className?: string;
}

/**
 * One server action behind one button (optionally confirmed). A success is announced as a toast
 * (it often changes the page so that the button goes away); an error stays beside the button.
 */
export function ActionButton({ action, fields, label, pendingLabel, variant = "secondary", confirm, disabled, messageTestId, className }: ActionButtonProps) {
  const announced = useMemo(() => announcing(action, { errors: false, testId: messageTestId }), [action, messageTestId]);
  const [state, formAction, pending] = useActionState(announced, IDLE);
  const formId = useId();
  return (
    <div className={className}>
      <form id={formId} action={formAction} className="flex flex-col gap-2">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {confirm ? (
          <ConfirmDialog
            formId={formId}
            tone={variant === "danger" ? "danger" : "primary"}
            trigger={
              <Button type="button" variant={variant} disabled={disabled || pending} aria-busy={pending}>
                {pending ? pendingLabel : label}
              </Button>
            }
            title={confirm.title}
            description={confirm.description}
            confirmLabel={confirm.confirmLabel}
          />
        ) : (
          <SubmitButton variant={variant} pendingLabel={pendingLabel} {...(disabled ? { disabled } : {})}>
            {label}
          </SubmitButton>
        )}
        {state.message && state.status === "error" && (
          <Notice tone="error" data-testid={messageTestId}>
            {state.message}
          </Notice>
        )}
      </form>
    </div>
  );
}
