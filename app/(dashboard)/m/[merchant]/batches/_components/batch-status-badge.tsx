import { Badge } from "@/components/ui/badge";
import { BATCH_STATUSES } from "@/lib/validation/batches";

export function BatchStatusBadge({ status }: { status: string }) {
  const look = (BATCH_STATUSES as Record<string, { label: string; tone: "good" | "info" | "neutral" | "warn" }>)[status] ?? { label: "Unknown", tone: "neutral" as const };
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
