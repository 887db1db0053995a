"use client";

import { useActionState, useId } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { discardPreviousCredentialsAction, restorePreviousCredentialsAction, setCredentialsAction } from "@/lib/actions/merchants";
import type { GatewayCredentialsDto } from "@/lib/dal/merchant-credentials";
import type { Gateway } from "@/lib/validation/merchants";
import { StepUpPrompt } from "../../../../_components/step-up-prompt";

interface CredentialsCardProps {
  merchantId: string;
  gateway: Gateway;
  title: string;
  baseUrl: string;
  credentials: GatewayCredentialsDto;
}

const KEY_LABEL: Record<Gateway, string> = { usaepay: "API key", clientpay: "Account key" };
const NEW_KEY_LABEL: Record<Gateway, string> = { usaepay: "New API key", clientpay: "New account key" };

export function CredentialsCard({ merchantId, gateway, title, baseUrl, credentials }: CredentialsCardProps) {
  const [state, formAction] = useActionState(setCredentialsAction, IDLE);
  const { current, previous } = credentials;
  const testId = (name: string) => `${gateway}-${name}`;

  return (
    <Card data-testid={testId("credentials")}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <p className="break-all text-xs text-slate-500">Calls go to {baseUrl}</p>
      </CardHeader>
      <CardBody className="flex flex-col gap-5">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">In use</dt>
          <dd data-testid={testId("current")}>
            {current ? (
              <span className="font-mono">
                {KEY_LABEL[gateway]} {current.keyHint} · PIN {current.pinHint}
              </span>
            ) : (
              <span className="text-amber-700">Not set: calls to this gateway fail until it is.</span>
            )}
          </dd>
          {previous && (
            <>
              <dt className="text-slate-600">Previous</dt>
              <dd className="font-mono" data-testid={testId("previous")}>
                {KEY_LABEL[gateway]} {previous.keyHint} · PIN {previous.pinHint}
              </dd>
            </>
          )}
        </dl>
        {previous && <PreviousActions merchantId={merchantId} gateway={gateway} />}

        <form action={formAction} className="flex flex-col gap-3 border-t border-slate-100 pt-4" autoComplete="off">
          <p className="text-sm font-medium">{current ? "Rotate: set a new key and PIN" : "Set the key and PIN"}</p>
          <p className="text-xs text-slate-500">The pair is checked with the gateway before it is stored. The one in use now is kept for rollback.</p>
          {state.message && (
            <Notice tone={state.status === "error" ? "error" : "success"} data-testid={testId("message")}>
              {state.message}
            </Notice>
          )}
          <input type="hidden" name="merchantId" value={merchantId} />
          <input type="hidden" name="gateway" value={gateway} />
          <Field id={testId("key")} label={NEW_KEY_LABEL[gateway]} errors={state.fieldErrors?.key}>
            <Input id={testId("key")} name="key" type="password" autoComplete="off" spellCheck={false} required />
          </Field>
          <Field id={testId("pin")} label="New PIN" errors={state.fieldErrors?.pin}>
            <Input id={testId("pin")} name="pin" type="password" autoComplete="off" required />
          </Field>
          <SubmitButton pendingLabel="Checking with the gateway…">{current ? "Check and rotate" : "Check and save"}</SubmitButton>
        </form>
        <StepUpPrompt refused={state} idPrefix={testId("credentials")} />
      </CardBody>
    </Card>
  );
}

function PreviousActions({ merchantId, gateway }: { merchantId: string; gateway: Gateway }) {
  const [restoreState, restoreAction] = useActionState(restorePreviousCredentialsAction, IDLE);
  const [discardState, discardAction] = useActionState(discardPreviousCredentialsAction, IDLE);
  useActionToast(restoreState);
  useActionToast(discardState);
  const refused = restoreState.stepUp ? restoreState : discardState;
  const restoreFormId = useId();
  const discardFormId = useId();
  const fields = (
    <>
      <input type="hidden" name="merchantId" value={merchantId} />
      <input type="hidden" name="gateway" value={gateway} />
    </>
  );
  return (
    <div className="flex flex-col gap-2">
    <div className="flex flex-wrap gap-2">
      <form id={restoreFormId} action={restoreAction}>
        {fields}
      </form>
      <form id={discardFormId} action={discardAction}>
        {fields}
      </form>
      <ConfirmDialog
        formId={restoreFormId}
        tone="primary"
        trigger={<Button variant="secondary" size="sm">Restore previous</Button>}
        title="Restore the previous key?"
        description="The previous key and PIN are used again at once; the current pair becomes the previous one."
        confirmLabel="Restore previous"
      />
      <ConfirmDialog
        formId={discardFormId}
        trigger={<Button variant="dangerGhost" size="sm">Discard previous</Button>}
        title="Discard the previous key?"
        description="It is deleted for good and can no longer be restored."
        confirmLabel="Discard previous"
      />
    </div>
    <StepUpPrompt refused={refused} idPrefix={`${gateway}-previous`} />
    </div>
  );
}
