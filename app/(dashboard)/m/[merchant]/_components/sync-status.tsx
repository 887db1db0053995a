"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/actions/action-state";
import { refreshMirrorAction } from "@/lib/actions/sync";
import type { SyncStatusDto } from "@/lib/dal/sync";
import { formatAgeAt } from "@/lib/format";

type Resource = keyof SyncStatusDto["resources"];

const noSubscribe = () => () => {};

function ago(iso: string | null, now: number): string {
  return iso ? `synced ${formatAgeAt(iso, now)}` : "not synced yet";
}

/**
 * "synced 12 s ago" + Refresh, with live progress while a sync runs. Polls the route handler
 * fast while running and slowly otherwise; when a run ends the server-rendered table refreshes.
 */
export function SyncStatus({ merchant, resource, initial }: { merchant: string; resource: Resource; initial: SyncStatusDto }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const queryKey = ["sync-status", merchant];
  const { data = initial } = useQuery({
    queryKey,
    queryFn: async (): Promise<SyncStatusDto> => {
      const response = await fetch(`/api/m/${encodeURIComponent(merchant)}/sync`, { cache: "no-store" });
      if (!response.ok) throw new Error(`sync status ${response.status}`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.running ? 1000 : 15_000),
  });
  const [state, refresh, pending] = useActionState(refreshMirrorAction, IDLE);
  const [now, setNow] = useState(() => Date.now());
  // true only once hydrated (the server snapshot is false); tests wait on it before using forms.
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const wasRunning = useRef(data.running);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (state.status === "success") void queryClient.invalidateQueries({ queryKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- queryKey is rebuilt each render
  }, [state, queryClient]);
  useEffect(() => {
    // A run just finished: re-render the server table from the fresher mirror.
    if (wasRunning.current && !data.running) router.refresh();
    wasRunning.current = data.running;
  }, [data.running, router]);

  const current = data.resources[resource];
  const total = current.upstreamTotal ?? 0;
  const progress = current.mode === "full" ? current.mirrored : current.processed;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end" data-testid="sync-status" data-hydrated={hydrated ? "true" : undefined}>
      <div className="flex items-center gap-3">
        <span className="text-sm text-slate-600" data-testid="sync-age" aria-live="polite">
          {ago(current.lastSuccessAt, now)}
        </span>
        <form action={refresh}>
          <input type="hidden" name="merchant" value={merchant} />
          <Button type="submit" variant="secondary" size="sm" disabled={pending} data-testid="sync-refresh">
            {pending ? "Starting…" : "Refresh"}
          </Button>
        </form>
      </div>
      {data.running && (
        <div className="flex w-64 flex-col gap-1" data-testid="sync-progress" role="status">
          <span className="text-xs text-slate-600">
            Syncing {resource}: {progress.toLocaleString("en-US")}
            {total ? ` of ${total.toLocaleString("en-US")}` : ""}
          </span>
          <progress className="h-2 w-full" max={total || undefined} value={total ? Math.min(progress, total) : undefined} aria-label={`Sync progress for ${resource}`} />
        </div>
      )}
      {current.lastError && !data.running && (
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
