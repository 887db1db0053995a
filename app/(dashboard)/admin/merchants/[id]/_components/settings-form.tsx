"use client";

import { useActionState } from "react";
import { MerchantSettingsFields } from "@/components/forms/merchant-settings-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { updateMerchantAction } from "@/lib/actions/merchants";
import type { MerchantDto } from "@/lib/dal/merchants";
import { StepUpPrompt } from "../../../../_components/step-up-prompt";

export function SettingsForm({ merchant }: { merchant: MerchantDto }) {
  const [state, formAction] = useActionState(updateMerchantAction, IDLE);
  const values = state.status === "error" && state.values ? state.values : merchant;
  return (
    <div className="flex flex-col gap-4">
    <p className="text-xs text-slate-500">
      URL overrides may only name the documented USAePay and ClientPay hosts, the local emulators or hosts the installation allows. Changing a host or the environment checks the stored keys there first, needs your password again, and clears this account&apos;s local copy of the old host&apos;s data.
    </p>
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
    <StepUpPrompt refused={state} idPrefix="merchant-settings" />
    </div>
  );
}
