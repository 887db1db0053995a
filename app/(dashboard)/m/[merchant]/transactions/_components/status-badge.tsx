import { Badge } from "@/components/ui/badge";

const TONES: Record<string, "good" | "info" | "neutral" | "bad" | "warn"> = { S: "good", P: "info", N: "warn", V: "neutral", R: "neutral", D: "bad", E: "bad" };

export function StatusBadge({ code, label }: { code: string | null; label: string | null }) {
  return <Badge tone={TONES[code ?? ""] ?? "neutral"}>{label ?? code ?? "Unknown"}</Badge>;
}
