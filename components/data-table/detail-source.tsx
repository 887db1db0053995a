import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";

/** Says where a detail page's data came from: live from the gateway, or the marked local copy. */
export function DetailSource({
  source,
  copiedAt,
  fallbackReason,
  liveLabel = "Live from USAePay",
}: {
  source: "live" | "mirror";
  copiedAt?: Date | string | null;
  fallbackReason?: string | null;
  liveLabel?: string;
}) {
  if (source === "live") {
    return (
      <Badge tone="good" className="mb-4" data-testid="detail-live">
        {liveLabel}
      </Badge>
    );
  }
  return (
    <Notice className="mb-4" data-testid="detail-fallback">
      Showing the local copy from {copiedAt ? formatDateTime(copiedAt) : "the last sync"}: {fallbackReason}
    </Notice>
  );
}
