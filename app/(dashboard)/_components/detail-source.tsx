import { Badge } from "@/components/ui/badge";
import { DateTime } from "./date-time";
import { Notice } from "@/components/ui/notice";
import { AutoRefresh } from "@/components/data-table/auto-refresh";

/**
 * Says how fresh a detail page's local copy is: confirmed with the gateway recently, being checked
 * now (the page reloads itself until it is), or shown as it is with the reason.
 */
export function DetailSource({
  state,
  copiedAt,
  reason,
  gateway = "USAePay",
}: {
  state: "fresh" | "refreshing" | "stale";
  copiedAt?: Date | string | null;
  reason?: string | null;
  gateway?: "USAePay" | "ClientPay";
}) {
  const from = copiedAt ? <DateTime value={copiedAt} withZone /> : "the last sync";
  if (state === "fresh") {
    return (
      <Badge tone="good" className="mb-4" data-testid="detail-fresh">
        Up to date with {gateway} ({from})
      </Badge>
    );
  }
  if (state === "refreshing") {
    return (
      <Notice className="mb-4" data-testid="detail-refreshing">
        Showing the local copy from {from}; checking {gateway} for changes…
        <AutoRefresh />
      </Notice>
    );
  }
  return (
    <Notice className="mb-4" data-testid="detail-fallback">
      Showing the local copy from {from}: {reason}
    </Notice>
  );
}
