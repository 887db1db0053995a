"use client";

import { isServer, QueryClient, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { SyncStatusDto } from "@/lib/dal/sync";

export const syncStatusKey = (merchant: string) => ["sync-status", merchant];

let browserClient: QueryClient | undefined;

/**
 * The sync status is the only thing the app polls, so React Query is loaded by the pages that
 * show it and not by a provider around every page. TanStack's pattern for Next.js: one client
 * per browser tab, a fresh one for each server render (a shared server cache would mix
 * requests).
 */
export function syncQueryClient(): QueryClient {
  const create = () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: false } } });
  if (isServer) return create();
  if (!browserClient) {
    browserClient = create();
    browserClient.mount(); // what QueryClientProvider does: online/focus listeners, once per tab
  }
  return browserClient;
}

/** A refusal (signed out, access revoked): asking again will not change the answer. */
class RefusedError extends Error {}

/**
 * The account's mirror status, polled from the route handler: fast while a sync runs, slowly
 * otherwise. The header and the table's first-sync notice share one query (one key), so a
 * page polls once.
 */
export function useSyncStatus(merchant: string, initial: SyncStatusDto): SyncStatusDto {
  const [client] = useState(syncQueryClient);
  const { data = initial } = useQuery({
    queryKey: syncStatusKey(merchant),
    queryFn: async (): Promise<SyncStatusDto> => {
      const response = await fetch(`/api/m/${encodeURIComponent(merchant)}/sync`, { cache: "no-store" });
      if (response.status >= 400 && response.status < 500) throw new RefusedError(`sync status ${response.status}`);
      if (!response.ok) throw new Error(`sync status ${response.status}`);
      return response.json();
    },
    initialData: initial,
    retry: (failures, error) => !(error instanceof RefusedError) && failures < 3,
    // Stop once refused: the next reload shows the sign-in or not-found page instead.
    refetchInterval: (query) => (query.state.error instanceof RefusedError ? false : query.state.data?.running ? 1000 : 15_000),
  }, client);
  return data;
}
