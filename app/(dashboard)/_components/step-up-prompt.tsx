"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { confirmIdentityAction } from "@/lib/actions/account";

/**
 * Shown beside a form whose change was refused for want of a fresh re-authentication
 * (state.stepUp): the password, and a code when 2FA is on. Once confirmed, the change can be
 * repeated within 5 minutes. Its own form, so what the other form holds is untouched.
 */
export function StepUpPrompt({ refused, idPrefix }: { refused: ActionState; idPrefix: string }) {
  const [state, formAction] = useActionState(confirmIdentityAction, IDLE);
  if (!refused.stepUp) return null;
  const id = (name: string) => `${idPrefix}-step-up-${name}`;
  return (
    <form action={formAction} className="flex flex-col gap-3 rounded-md border border-amber-200 bg-amber-50 p-4" data-testid={id("form")} autoComplete="off">
      <p className="text-sm font-medium text-amber-900">Confirm it is you</p>
      {state.message && (
        <Notice tone={state.status === "error" ? "error" : "success"} data-testid={id("message")}>
          {state.message}
        </Notice>
      )}
      <Field id={id("password")} label="Your password" errors={state.fieldErrors?.password}>
        <Input id={id("password")} name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Field id={id("code")} label="Authenticator code (if you use two-factor sign-in)">
        <Input id={id("code")} name="code" inputMode="numeric" autoComplete="one-time-code" />
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Checking…">
        Confirm
      </SubmitButton>
    </form>
  );
}
