"use client";

import { useActionState, useId } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NativeSelect } from "@/components/ui/input";
import { IDLE } from "@/lib/actions/action-state";
import { grantAccessAction, revokeAccessAction } from "@/lib/actions/merchants";
import { ROLE_LABELS, type RoleName } from "@/lib/auth/permissions";

interface Person {
  userId: string;
  email: string;
  name: string;
  role: string;
}

export function GrantsCard({ merchantId, grants, grantable }: { merchantId: string; grants: Person[]; grantable: Person[] }) {
  const [state, formAction] = useActionState(grantAccessAction, IDLE);
  useActionToast(state);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Who can see this account</CardTitle>
        <p className="text-sm text-slate-600">Admins see every account. Managers and viewers see only the accounts granted here.</p>
      </CardHeader>
      <CardBody className="flex flex-col gap-4">
        {grants.length === 0 ? (
          <p className="text-sm text-slate-600">No manager or viewer has access yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="grant-list">
            {grants.map((grant) => (
              <GrantRow key={grant.userId} merchantId={merchantId} grant={grant} />
            ))}
          </ul>
        )}
        {grantable.length > 0 && (
          <form action={formAction} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="merchantId" value={merchantId} />
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-slate-700">Grant access to</span>
              <NativeSelect name="userId" defaultValue="" required>
                <option value="" disabled>
                  Choose a user…
                </option>
                {grantable.map((person) => (
                  <option key={person.userId} value={person.userId}>
                    {person.name} ({ROLE_LABELS[person.role as RoleName]}) – {person.email}
                  </option>
                ))}
              </NativeSelect>
            </label>
            <SubmitButton variant="secondary" pendingLabel="Granting…">
              Grant access
            </SubmitButton>
          </form>
        )}
      </CardBody>
    </Card>
  );
}

function GrantRow({ merchantId, grant }: { merchantId: string; grant: Person }) {
  const [state, formAction] = useActionState(revokeAccessAction, IDLE);
  useActionToast(state);
  const formId = useId();
  return (
    <li className="flex items-center justify-between gap-3 py-2" data-testid={`grant-${grant.email}`}>
      <div className="min-w-0">
        <p className="truncate text-sm font-medium">{grant.name}</p>
        <p className="truncate text-xs text-slate-500">
          {ROLE_LABELS[grant.role as RoleName]} · {grant.email}
        </p>
      </div>
      <form id={formId} action={formAction}>
        <input type="hidden" name="merchantId" value={merchantId} />
        <input type="hidden" name="userId" value={grant.userId} />
      </form>
      <ConfirmDialog
        formId={formId}
        trigger={<Button variant="dangerGhost" size="sm">Revoke</Button>}
        title={`Revoke ${grant.name}'s access?`}
        description="They stop seeing this account on their next request."
        confirmLabel="Revoke access"
      />
    </li>
  );
}
