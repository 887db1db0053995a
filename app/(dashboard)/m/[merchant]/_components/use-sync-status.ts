"use client";

import { useQuery } from "@tanstack/react-query";
import type { SyncStatusDto } from "@/lib/dal/sync";

export const syncStatusKey = (merchant: string) => ["sync-status", merchant];

/** A refusal (signed out, access revoked): asking again will not change the answer. */
class RefusedError extends Error {}

/**
 * The account's mirror status, polled from the route handler: fast while a sync runs, slowly
 * otherwise. The header and the table's first-sync notice share one query (one key), so a
 * page polls once.
 */
export function useSyncStatus(merchant: string, initial: SyncStatusDto): SyncStatusDto {
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
  });
  return data;
}
