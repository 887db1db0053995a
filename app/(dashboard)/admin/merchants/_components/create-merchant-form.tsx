"use client";

import { useActionState } from "react";
import { MerchantSettingsFields } from "@/components/forms/merchant-settings-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { createMerchantAction } from "@/lib/actions/merchants";

export function CreateMerchantForm() {
  const [state, formAction] = useActionState(createMerchantAction, IDLE);
  const values = state.values ?? {};
  return (
    // Keyed by the echoed values so a failed submission keeps what was typed.
    <form key={JSON.stringify(values)} action={formAction} className="flex flex-col gap-4" noValidate>
      {state.status === "error" && state.message && (
        <Notice tone="error" data-testid="create-merchant-message">
          {state.message}
        </Notice>
      )}
      <MerchantSettingsFields idPrefix="new-merchant" values={values} errors={state.fieldErrors ?? {}} />
      <SubmitButton pendingLabel="Adding…">Add account</SubmitButton>
    </form>
  );
}
