"use client";

import { useActionState, useMemo } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { announcing } from "@/components/forms/use-action-toast";
import { Notice } from "@/components/ui/notice";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

/** One button that runs an action with fixed hidden fields and says how it went (e.g. "Check the outcome"). */
export function ActionButtonForm({
  action,
  hidden,
  label,
  pendingLabel,
  testId,
  variant = "secondary",
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  pendingLabel: string;
  testId: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  // Also as a toast: the button (and its notice) leaves the page once its action resolves what it was for.
  const [state, formAction] = useActionState(useMemo(() => announcing(action), [action]), IDLE);
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid={testId}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <SubmitButton variant={variant} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
      </div>
      {state.message && (
        <Notice tone={state.status === "success" ? "success" : "error"} data-testid={`${testId}-result`}>
          {state.message}
        </Notice>
      )}
    </form>
  );
}
