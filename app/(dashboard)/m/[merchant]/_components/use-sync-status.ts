"use client";

import { useEffect, useRef, useState } from "react";
import type { QueryClient } from "@tanstack/react-query";
import type { SyncStatusDto } from "@/lib/dal/sync";

export const syncStatusKey = (merchant: string) => ["sync-status", merchant];

/** A refusal (signed out, access revoked): asking again will not change the answer. */
class RefusedError extends Error {}

type SyncQuery = { client: QueryClient; QueryObserver: typeof import("@tanstack/react-query").QueryObserver };
let loading: Promise<SyncQuery> | undefined;

/** How often the status is asked for: while a sync runs, and otherwise. */
const RUNNING_POLL_MS = 1000;
const IDLE_POLL_MS = 15_000;

/**
 * The sync status is the only thing the app polls, and the page is painted from the server's
 * figures: React Query (one client per tab, what QueryClientProvider would set up) is loaded
 * when the first poll is due (or Refresh asks for one), never with the page and never on the
 * server, so its work stays out of the page's first seconds.
 */
export function loadSyncQuery(): Promise<SyncQuery> {
  loading ??= import("@tanstack/react-query").then(({ QueryClient, QueryObserver }) => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false } } });
    client.mount();
    return { client, QueryObserver };
  });
  return loading;
}

/** Each mounted status's "start polling now", by account: Refresh calls them. */
const pendingStarts = new Map<string, Set<() => void>>();

/** After Refresh: poll at once (starting the deferred polling if it has not started yet). */
export async function pollSyncStatusNow(merchant: string): Promise<void> {
  for (const start of [...(pendingStarts.get(merchant) ?? [])]) start();
  const { client } = await loadSyncQuery();
  await client.invalidateQueries({ queryKey: syncStatusKey(merchant) });
}

async function fetchSyncStatus(merchant: string): Promise<SyncStatusDto> {
  const response = await fetch(`/api/m/${encodeURIComponent(merchant)}/sync`, { cache: "no-store" });
  if (response.status >= 400 && response.status < 500) throw new RefusedError(`sync status ${response.status}`);
  if (!response.ok) throw new Error(`sync status ${response.status}`);
  return response.json();
}

/**
 * The account's mirror status, polled from the route handler: fast while a sync runs, slowly
 * otherwise. The header and the table's first-sync notice share one query (one key), so a
 * page polls once. Until the first poll (and on the server) it is the server's figures.
 */
export function useSyncStatus(merchant: string, initial: SyncStatusDto): SyncStatusDto {
  const [data, setData] = useState(initial);
  // What the server rendered first seeds the query (as initialData did); later renders' do not.
  const seed = useRef(initial);

  useEffect(() => {
    let stopped = false;
    let unsubscribe = () => {};
    // The server's figures are as old as this mount; the first poll is due one interval later.
    const paintedAt = Date.now();
    const starts = pendingStarts.get(merchant) ?? new Set<() => void>();
    pendingStarts.set(merchant, starts);
    const start = () => {
      starts.delete(start);
      clearTimeout(timer);
      void loadSyncQuery().then(({ client, QueryObserver }) => {
        if (stopped) return;
        const observer = new QueryObserver<SyncStatusDto, Error>(client, {
          queryKey: syncStatusKey(merchant),
          queryFn: () => fetchSyncStatus(merchant),
          initialData: seed.current,
          initialDataUpdatedAt: paintedAt,
          retry: (failures, error) => !(error instanceof RefusedError) && failures < 3,
          // Stop once refused: the next reload shows the sign-in or not-found page instead.
          refetchInterval: (query) => (query.state.error instanceof RefusedError ? false : query.state.data?.running ? RUNNING_POLL_MS : IDLE_POLL_MS),
        });
        const show = (result: { data?: SyncStatusDto }) => result.data && setData(result.data);
        show(observer.getCurrentResult());
        unsubscribe = observer.subscribe(show);
      });
    };
    starts.add(start);
    const timer = setTimeout(start, seed.current.running ? RUNNING_POLL_MS : IDLE_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
      starts.delete(start);
      unsubscribe();
    };
  }, [merchant]);

  return data;
}
