"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { buttonVariants } from "@/components/ui/button-variants";
import { IDLE } from "@/lib/actions/action-state";
import { refreshMirrorAction } from "@/lib/actions/sync";
import type { SyncStatusDto } from "@/lib/dal/sync";
import { syncAgeText, syncProgress } from "@/lib/mirror-status-text";
import { pollSyncStatusNow, useSyncStatus } from "./use-sync-status";

type Resource = keyof SyncStatusDto["resources"];

const noSubscribe = () => () => {};

/**
 * "synced 12 s ago" + Refresh, with this resource's progress while its own sync runs (a first
 * sync fills a bar; an incremental run has no known end, so it counts what it read). When a
 * run ends the server-rendered table refreshes.
 */
export function SyncStatus({ merchant, resource, initial }: { merchant: string; resource: Resource; initial: SyncStatusDto }) {
  const router = useRouter();
  const data = useSyncStatus(merchant, initial);
  const [state, refresh, pending] = useActionState(refreshMirrorAction, IDLE);
  // The server's clock first, so hydration renders the very text the server did (React #418
  // otherwise, whenever a second passed in between or the clocks differ); then this browser's.
  const [now, setNow] = useState(() => Date.parse(initial.checkedAt));
  // true only once hydrated (the server snapshot is false); tests wait on it before using forms.
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const wasRunning = useRef(data.running);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (state.status === "success") void pollSyncStatusNow(merchant);
  }, [state, merchant]);
  useEffect(() => {
    // A run just finished: re-render the server table from the fresher mirror.
    if (wasRunning.current && !data.running) router.refresh();
    wasRunning.current = data.running;
  }, [data.running, router]);

  const current = data.resources[resource];
  const progress = syncProgress(resource, current);
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end" data-testid="sync-status" data-hydrated={hydrated ? "true" : undefined}>
      <div className="flex items-center gap-3">
        <span className="text-sm text-slate-600" data-testid="sync-age" aria-live="polite">
          {syncAgeText(current.lastSuccessAt, now)}
        </span>
        <form action={refresh}>
          <input type="hidden" name="merchant" value={merchant} />
          <button type="submit" className={buttonVariants({ variant: "secondary", size: "sm" })} disabled={pending} data-testid="sync-refresh">
            {pending ? "Starting…" : "Refresh"}
          </button>
        </form>
      </div>
      {progress && (
        <div className="flex w-64 max-w-full flex-col gap-1" data-testid="sync-progress" data-mode={current.mode} role="status">
          <span className="text-xs text-slate-600">{progress.label}</span>
          <progress className="h-2 w-full" max={progress.max} value={progress.value} aria-label={`Sync progress for ${resource}`} />
        </div>
      )}
      {current.lastError && !progress && (
        <span className="text-xs text-amber-700" data-testid="sync-error">
          {current.lastError}
        </span>
      )}
      {state.status === "error" && state.message && (
        <span className="text-xs text-red-700" data-testid="sync-refresh-error">
          {state.message}
        </span>
      )}
    </div>
  );
}
