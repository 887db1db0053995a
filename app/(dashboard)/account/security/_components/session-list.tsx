"use client";

import { useActionState, useId } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { IDLE } from "@/lib/actions/action-state";
import { endSessionAction, signOutEverywhereAction } from "@/lib/actions/account";

interface SessionItem {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAtLabel: string;
  lastActiveLabel: string;
}

export function SessionList({ sessions }: { sessions: SessionItem[] }) {
  const [everywhereState, everywhereAction] = useActionState(signOutEverywhereAction, IDLE);
  useActionToast(everywhereState);
  const othersFormId = useId();
  const allFormId = useId();
  const others = sessions.filter((session) => !session.current).length;

  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-slate-100" data-testid="session-list">
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <form id={othersFormId} action={everywhereAction}>
          <input type="hidden" name="includingThis" value="false" />
        </form>
        <form id={allFormId} action={everywhereAction}>
          <input type="hidden" name="includingThis" value="true" />
        </form>
        <ConfirmDialog
          formId={othersFormId}
          tone="primary"
          trigger={<Button variant="secondary" disabled={others === 0}>Sign out everywhere else</Button>}
          title="Sign out your other sessions?"
          description={`${others} other session${others === 1 ? "" : "s"} end at once. This one goes on.`}
          confirmLabel="Sign out the others"
        />
        <ConfirmDialog
          formId={allFormId}
          trigger={<Button variant="dangerGhost">Sign out everywhere</Button>}
          title="Sign out everywhere, here too?"
          description="Every session of yours ends at once, including this one."
          confirmLabel="Sign out everywhere"
        />
      </div>
    </div>
  );
}

function SessionRow({ session }: { session: SessionItem }) {
  const [state, formAction] = useActionState(endSessionAction, IDLE);
  useActionToast(state);
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid={session.current ? "session-current" : "session-other"}>
      <div className="min-w-0 text-sm">
        <p className="truncate font-medium">
          {session.userAgent ?? "Unknown browser"} {session.current && <Badge tone="info">This session</Badge>}
        </p>
        <p className="text-xs text-slate-500">
          From {session.ip ?? "an unknown address"} · signed in {session.createdAtLabel} · last active {session.lastActiveLabel}
        </p>
      </div>
      {!session.current && (
        <form action={formAction}>
          <input type="hidden" name="sessionId" value={session.id} />
          <Button type="submit" size="sm" variant="secondary">
            Sign out
          </Button>
        </form>
      )}
    </li>
  );
}
