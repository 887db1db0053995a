"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { verifySecondFactorAction } from "@/lib/actions/sign-in-steps";
import { signOutToLogin } from "@/components/shell/sign-out";

export function VerifyForm({ callbackPath }: { callbackPath: string }) {
  const [state, formAction] = useActionState(verifySecondFactorAction, IDLE);
  return (
    <form action={formAction} className="flex flex-col gap-4" autoComplete="off">
      {state.message && (
        <Notice tone="error" data-testid="verify-error">
          {state.message}
        </Notice>
      )}
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      <Field id="code" label="Authentication code" errors={state.fieldErrors?.code} hint="Lost your phone? Enter one of your recovery codes instead (each works once).">
        <Input id="code" name="code" inputMode="text" autoComplete="one-time-code" spellCheck={false} required autoFocus />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="remember" className="size-4 rounded border-slate-300" />
        Remember this device for 30 days
      </label>
      <SubmitButton pendingLabel="Checking…">Verify</SubmitButton>
      <Button type="button" variant="link" onClick={() => void signOutToLogin()}>
        Cancel and sign out
      </Button>
    </form>
  );
}
