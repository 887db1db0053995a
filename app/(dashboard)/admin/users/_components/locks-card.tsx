"use client";

import { useActionState } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { IDLE } from "@/lib/actions/action-state";
import { unlockSignInAction } from "@/lib/actions/users";

interface Lock {
  scope: "account" | "address";
  subject: string;
  failures: number;
  lockedUntilLabel: string;
}

/** Sign-in locks in force: an account after 10 failures, an address after many across accounts. */
export function LocksCard({ locks }: { locks: Lock[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign-in locks</CardTitle>
        <p className="text-sm text-slate-600">After 10 failed attempts an account is locked for 30 minutes. Unlock it once you know who was trying.</p>
      </CardHeader>
      <CardBody>
        {locks.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-locks">No account or address is locked.</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="lock-list">
            {locks.map((lock) => (
              <LockRow key={`${lock.scope}:${lock.subject}`} lock={lock} />
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

function LockRow({ lock }: { lock: Lock }) {
  const [state, formAction] = useActionState(unlockSignInAction, IDLE);
  useActionToast(state);
  return (
    <li className="flex items-center justify-between gap-3 py-2" data-testid={`lock-${lock.subject}`}>
      <div className="min-w-0 text-sm">
        <p className="truncate font-medium">{lock.subject}</p>
        <p className="text-xs text-slate-500">
          {lock.scope === "account" ? "Account" : "Address"} · {lock.failures} failures · locked until {lock.lockedUntilLabel}
        </p>
      </div>
      <form action={formAction}>
        <input type="hidden" name="scope" value={lock.scope} />
        <input type="hidden" name="subject" value={lock.subject} />
        <Button type="submit" size="sm" variant="secondary">
          Unlock
        </Button>
      </form>
    </li>
  );
}
