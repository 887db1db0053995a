"use client";

import { useActionState, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { announcing } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

export interface Review {
  title: string;
  /** Restates what will happen: amount, card (masked), customer, reason. */
  description: ReactNode;
  confirmLabel: string;
}

interface MoneyFormProps {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** Account, record and the one-time token the server issued for this form. */
  hidden: Record<string, string>;
  /** The fields, given this submit's field errors and the values to put back after a refusal. */
  fields: (errors: Record<string, string[] | undefined>, values: Record<string, string>) => ReactNode;
  reviewLabel: string;
  pendingLabel: string;
  /** Checks what was typed and words the confirmation; a string is a problem to show instead. */
  review: (values: FormData) => Review | string;
  tone?: "danger" | "primary";
  testId: string;
}

/**
 * A form that moves money: its fields, then "Review", which restates everything in a
 * confirmation dialog; only the dialog's confirm button submits. The one-time token rides in a
 * hidden field, so a second submit of the same form (a double click, a replay) gets the first
 * result from the server and moves nothing. The server checks everything again.
 */
export function MoneyForm({ action, hidden, fields, reviewLabel, pendingLabel, review, tone = "primary", testId }: MoneyFormProps) {
  // Also as a toast: a form whose action closes it (a capture, a batch close) is gone from the
  // re-rendered page, and its result must still be seen.
  const [state, formAction, pending] = useActionState(useMemo(() => announcing(action), [action]), IDLE);
  const [confirming, setConfirming] = useState<Review | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  const values = state.values ?? {};

  function onReview() {
    if (!formRef.current) return;
    const checked = review(new FormData(formRef.current));
    if (typeof checked === "string") {
      setProblem(checked);
      return;
    }
    setProblem(null);
    setConfirming(checked);
  }

  return (
    // Keyed by the echoed values: after a refusal the remount puts back what was typed.
    <form
      ref={formRef}
      id={formId}
      key={JSON.stringify(values)}
      action={formAction}
      className="flex flex-col gap-3"
      noValidate
      data-testid={testId}
      onSubmit={() => setConfirming(null)}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields(state.fieldErrors ?? {}, values)}
      {problem && (
        <Notice tone="error" data-testid={`${testId}-problem`}>
          {problem}
        </Notice>
      )}
      {state.message && (
        <Notice tone={state.status === "success" ? "success" : "error"} data-testid={`${testId}-result`}>
          {state.message}
        </Notice>
      )}
      <div>
        <Button type="button" variant={tone} onClick={onReview} disabled={pending} aria-busy={pending} data-testid={`${testId}-review`}>
          {pending ? pendingLabel : reviewLabel}
        </Button>
      </div>
      <ConfirmDialog
        open={!!confirming}
        onOpenChange={(open) => !open && setConfirming(null)}
        formId={formId}
        tone={tone}
        title={confirming?.title ?? ""}
        description={confirming?.description}
        confirmLabel={confirming?.confirmLabel ?? "Confirm"}
      />
    </form>
  );
}
