"use client";

import { useQuery } from "@tanstack/react-query";
import type { SyncStatusDto } from "@/lib/dal/sync";

export const syncStatusKey = (merchant: string) => ["sync-status", merchant];

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
      if (!response.ok) throw new Error(`sync status ${response.status}`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.running ? 1000 : 15_000),
  });
  return data;
}
