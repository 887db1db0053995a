"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { RecoveryCodes } from "@/components/security/recovery-codes";
import { buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { confirmEnrolmentAction, type EnrolmentState } from "@/lib/actions/sign-in-steps";

const INITIAL: EnrolmentState = { status: "idle" };

export function EnrolForm({ qrDataUrl, manualKey, callbackPath, required }: { qrDataUrl: string; manualKey: string; callbackPath: string; required: boolean }) {
  const [state, formAction] = useActionState(confirmEnrolmentAction, INITIAL);

  if (state.status === "success" && state.recoveryCodes) {
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success" data-testid="enrol-done">
          {state.message}
        </Notice>
        <RecoveryCodes codes={state.recoveryCodes} />
        {/* A full navigation: the session is now signed in, and the shell reads it afresh. */}
        <a href={callbackPath} className={buttonVariants()} data-testid="enrol-continue">
          I saved them: continue
        </a>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col items-center gap-3 sm:flex-row sm:items-start">
        {/* A data URL rendered on the server: no QR library in the browser bundle. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={qrDataUrl} alt="QR code for your authenticator app" width={176} height={176} className="rounded border border-slate-200" />
        <div className="text-sm text-slate-600">
          <p>Cannot scan? Enter this key in your app (time-based, 6 digits, 30 seconds):</p>
          <p className="mt-2 break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900" data-testid="manual-key">
            {manualKey}
          </p>
        </div>
      </div>
      <form action={formAction} className="flex flex-col gap-4" autoComplete="off">
        {state.status === "error" && state.message && (
          <Notice tone="error" data-testid="enrol-error">
            {state.message}
          </Notice>
        )}
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <Field id="enrol-code" label="Code from your app" errors={state.fieldErrors?.code}>
          <Input id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus />
        </Field>
        <SubmitButton pendingLabel="Checking…">Turn on two-factor sign-in</SubmitButton>
      </form>
      {!required && (
        <Link href="/account/security" className="text-center text-sm text-slate-500 hover:underline">
          Not now
        </Link>
      )}
    </div>
  );
}
