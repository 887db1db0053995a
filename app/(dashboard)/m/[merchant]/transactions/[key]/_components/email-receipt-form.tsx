"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { emailReceiptAction } from "@/lib/actions/money-desk";

/** USAePay emails its standard receipt to the address given (POST /transactions/{key}/send). */
export function EmailReceiptForm({ slug, txKey, defaultEmail }: { slug: string; txKey: string; defaultEmail: string | null }) {
  const [state, formAction] = useActionState(emailReceiptAction, IDLE);
  const values = state.values ?? {};
  return (
    <form action={formAction} key={JSON.stringify(values)} className="flex flex-col gap-3" noValidate data-testid="email-receipt-form">
      <input type="hidden" name="merchant" value={slug} />
      <input type="hidden" name="key" value={txKey} />
      <Field id="receipt-email" label="Email the receipt to" errors={state.fieldErrors?.email}>
        <Input id="receipt-email" name="email" type="email" autoComplete="off" defaultValue={values.email ?? defaultEmail ?? ""} aria-invalid={!!state.fieldErrors?.email} />
      </Field>
      <div>
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Email receipt
        </SubmitButton>
      </div>
      {state.message && (
        <Notice tone={state.status === "success" ? "success" : "error"} data-testid="email-receipt-result">
          {state.message}
        </Notice>
      )}
    </form>
  );
}
