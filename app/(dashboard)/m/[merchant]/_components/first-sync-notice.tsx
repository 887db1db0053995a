"use client";

import { Notice } from "@/components/ui/notice";
import type { SyncStatusDto } from "@/lib/dal/sync";
import { firstSyncNotice } from "@/lib/mirror-status-text";
import { useSyncStatus } from "./use-sync-status";

/**
 * Above a table while the account's first sync is still walking back through the history:
 * the pager's total is what has arrived, not the whole list. Live, from the header's query.
 */
export function FirstSyncNotice({ merchant, resource, initial }: { merchant: string; resource: keyof SyncStatusDto["resources"]; initial: SyncStatusDto }) {
  const status = useSyncStatus(merchant, initial);
  const text = firstSyncNotice(resource, status.resources[resource]);
  if (!text) return null;
  return (
    // A note, not a live region: the count changes every second while the sync runs.
    <Notice className="mb-4" role="note" data-testid="first-sync-notice">
      {text}
    </Notice>
  );
}
