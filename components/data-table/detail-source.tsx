import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { DateTime } from "@/components/time/time-zone";

/** Says where a detail page's data came from: live from USAePay, or the marked local copy. */
export function DetailSource({ source, copiedAt, fallbackReason }: { source: "live" | "mirror"; copiedAt?: Date | string | null; fallbackReason?: string | null }) {
  if (source === "live") {
    return (
      <Badge tone="good" className="mb-4" data-testid="detail-live">
        Live from USAePay
      </Badge>
    );
  }
  return (
    <Notice className="mb-4" data-testid="detail-fallback">
      Showing the local copy from {copiedAt ? <DateTime value={copiedAt} withZone /> : "the last sync"}: {fallbackReason}
    </Notice>
  );
}
