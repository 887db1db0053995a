"use client";

import { useActionState, useId } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { RecoveryCodes } from "@/components/security/recovery-codes";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE } from "@/lib/actions/action-state";
import { disableTwoFactorAction, regenerateRecoveryCodesAction, type RecoveryCodesState } from "@/lib/actions/account";
import { StepUpPrompt } from "../../../_components/step-up-prompt";

const INITIAL: RecoveryCodesState = { status: "idle" };

export function TwoFactorActions({ canDisable }: { canDisable: boolean }) {
  const [codesState, codesAction] = useActionState(regenerateRecoveryCodesAction, INITIAL);
  const [disableState, disableAction] = useActionState(disableTwoFactorAction, IDLE);
  useActionToast(codesState);
  useActionToast(disableState);
  const codesFormId = useId();
  const disableFormId = useId();
  return (
    <div className="flex flex-col gap-3">
      {codesState.recoveryCodes && <RecoveryCodes codes={codesState.recoveryCodes} />}
      <StepUpPrompt refused={codesState.stepUp ? codesState : disableState} idPrefix="two-factor" />
      <div className="flex flex-wrap gap-2">
        <form id={codesFormId} action={codesAction} />
        <ConfirmDialog
          formId={codesFormId}
          tone="primary"
          trigger={<Button variant="secondary">New recovery codes</Button>}
          title="Make new recovery codes?"
          description="The codes you have now stop working."
          confirmLabel="Make new codes"
        />
        {canDisable && (
          <>
            <form id={disableFormId} action={disableAction} />
            <ConfirmDialog
              formId={disableFormId}
              trigger={<Button variant="dangerGhost">Turn off</Button>}
              title="Turn off two-factor sign-in?"
              description="Signing in will need only your password."
              confirmLabel="Turn off"
            />
          </>
        )}
      </div>
    </div>
  );
}
