"use client";

import { useCallback, useState } from "react";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import type { ActionState } from "@/lib/actions/action-state";
import { expireAccessIdAction, recoverAccessIdAction, rotateAccessIdAction, testRequestIdAction, validateAccessIdAction } from "@/lib/actions/access-ids";
import { AccessIdActionForm } from "./access-id-action-form";

interface AccessIdActionsProps {
  slug: string;
  allowed: { validate: boolean; testRequest: boolean; rotate: boolean; expire: boolean; recover: boolean };
  /** A usable id is stored (not never-issued, not expired). */
  usable: boolean;
  rotating: boolean;
}

/** The buttons a role may use; the server refuses the rest whatever this shows. */
export function AccessIdActions({ slug, allowed, usable, rotating }: AccessIdActionsProps) {
  const [result, setResult] = useState<ActionState | null>(null);
  const onResult = useCallback((state: ActionState) => setResult(state), []);
  const common = { slug, onResult };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Actions</CardTitle>
      </CardHeader>
      <CardBody className="flex flex-col gap-3">
        {result?.message && (
          <Notice tone={result.status === "error" ? "error" : "success"} data-testid="access-id-message">
            {result.message}
          </Notice>
        )}
        {allowed.validate && <AccessIdActionForm {...common} action={validateAccessIdAction} label="Validate now" pendingLabel="Validating…" disabled={!usable} />}
        {allowed.testRequest && (
          <AccessIdActionForm {...common} action={testRequestIdAction} label="Test a request ID" pendingLabel="Testing…" disabled={!usable} />
        )}
        {allowed.rotate && (
          <AccessIdActionForm
            {...common}
            action={rotateAccessIdAction}
            label={usable ? "Rotate" : "Issue access ID"}
            pendingLabel="Rotating…"
            variant="primary"
            disabled={rotating}
            confirm={{
              title: usable ? "Rotate the access ID?" : "Issue a new access ID?",
              description: (
                <>
                  ClientPay issues a new access ID, and <strong>the current access ID stops working at once for every integration using it</strong>, in
                  Paydesk and anywhere else. The new ID is stored sealed; only its last four characters are ever shown.
                </>
              ),
              confirmLabel: usable ? "Rotate now" : "Issue now",
            }}
          />
        )}
        {allowed.recover && (
          <AccessIdActionForm {...common} action={recoverAccessIdAction} label="Recover current ID" pendingLabel="Recovering…" disabled={rotating} />
        )}
        {allowed.expire && (
          <AccessIdActionForm
            {...common}
            action={expireAccessIdAction}
            label="Expire"
            pendingLabel="Expiring…"
            variant="danger"
            disabled={!usable || rotating}
            confirm={{
              title: "Expire the access ID?",
              description: "It stops working at once, and every ClientPay call for this account fails until an admin issues a new access ID.",
              confirmLabel: "Expire now",
            }}
          />
        )}
        {allowed.recover && (
          <p className="text-xs text-slate-500">Recover asks ClientPay which access ID is current and stores it, e.g. after a rotation made elsewhere.</p>
        )}
      </CardBody>
    </Card>
  );
}
