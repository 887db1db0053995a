"use client";

import { useActionState, useId, type ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
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
  /** The result message's test id. */
  messageTestId?: string;
  className?: string;
}

/** One server action behind one button (optionally confirmed), with its result shown beside it. */
export function ActionButton({ action, fields, label, pendingLabel, variant = "secondary", confirm, disabled, messageTestId, className }: ActionButtonProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
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
        {state.message && (
          <Notice tone={state.status === "error" ? "error" : "success"} data-testid={messageTestId}>
            {state.message}
          </Notice>
        )}
      </form>
    </div>
  );
}
