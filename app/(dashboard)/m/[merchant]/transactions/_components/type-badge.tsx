import { Badge } from "@/components/ui/badge";
import { TRANSACTION_TYPES, type TransactionType } from "@/lib/validation/transaction-types";

const TONES: Record<TransactionType, "good" | "info" | "neutral" | "bad" | "warn"> = {
  sale: "info",
  check: "info",
  refund: "warn",
  credit: "warn",
  void: "neutral",
  "auth-only": "neutral",
  other: "neutral",
};

/** Sale, refund, void, auth-only, credit, check: what kind of money movement a row is. */
export function TypeBadge({ kind }: { kind: TransactionType }) {
  return (
    <Badge tone={TONES[kind]} data-kind={kind}>
      {TRANSACTION_TYPES[kind].label}
    </Badge>
  );
}
