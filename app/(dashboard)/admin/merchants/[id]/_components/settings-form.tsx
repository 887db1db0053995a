"use client";

import { useActionState } from "react";
import { MerchantSettingsFields } from "@/components/forms/merchant-settings-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { updateMerchantAction } from "@/lib/actions/merchants";
import type { MerchantDto } from "@/lib/dal/merchants";

export function SettingsForm({ merchant }: { merchant: MerchantDto }) {
  const [state, formAction] = useActionState(updateMerchantAction, IDLE);
  const values = state.status === "error" && state.values ? state.values : merchant;
  return (
    <form key={JSON.stringify(values)} action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message && (
        <Notice tone={state.status === "error" ? "error" : "success"} data-testid="settings-message">
          {state.message}
        </Notice>
      )}
      <input type="hidden" name="merchantId" value={merchant.id} />
      <MerchantSettingsFields idPrefix="merchant" values={values} errors={state.fieldErrors ?? {}} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save settings
      </SubmitButton>
    </form>
  );
}
