"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { lookUpLiveAction } from "@/lib/actions/live-lookup";

/**
 * A detail page for a key the local copy has never held. Nothing was asked of USAePay to draw
 * it; someone allowed to may ask now (it counts against their live reads and the account's budget).
 */
export function NotMirrored({ merchant, record, recordKey }: { merchant: string; record: "transaction" | "customer"; recordKey: string }) {
  const [state, action] = useActionState(lookUpLiveAction, IDLE);
  return (
    <Card data-testid="not-mirrored">
      <CardHeader>
        <CardTitle>Not in the local copy</CardTitle>
      </CardHeader>
      <CardBody className="flex flex-col gap-3 text-sm text-slate-700">
        <p>
          No {record} with the key <span className="break-all font-mono">{recordKey}</span> has reached this account&apos;s local copy of USAePay. If it
          was made moments ago, it arrives with the next webhook or sync; you can also ask USAePay now.
        </p>
        {state.message && (
          <Notice tone={state.status === "error" ? "error" : "success"} data-testid="lookup-message">
            {state.message}
          </Notice>
        )}
        <form action={action}>
          <input type="hidden" name="merchant" value={merchant} />
          <input type="hidden" name="record" value={record} />
          <input type="hidden" name="key" value={recordKey} />
          <SubmitButton variant="secondary" pendingLabel="Asking USAePay…">
            Look up live at USAePay
          </SubmitButton>
        </form>
      </CardBody>
    </Card>
  );
}
