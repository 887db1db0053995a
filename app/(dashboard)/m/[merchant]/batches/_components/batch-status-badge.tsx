import { Badge } from "@/components/ui/badge";

const LOOK: Record<string, { label: string; tone: "good" | "info" | "neutral" | "warn" }> = {
  open: { label: "Open", tone: "info" },
  closing: { label: "Closing", tone: "warn" },
  closed: { label: "Closed", tone: "good" },
};

export function BatchStatusBadge({ status }: { status: string }) {
  const look = LOOK[status] ?? { label: "Unknown", tone: "neutral" as const };
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
