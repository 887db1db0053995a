import { Badge } from "@/components/ui/badge";
import { PAYMENT_REQUEST_STATUSES, type PaymentRequestStatus } from "@/lib/validation/payment-requests";

const TONES: Record<PaymentRequestStatus, "good" | "info" | "neutral"> = { open: "info", paid: "good", expired: "neutral" };

export function RequestStatusBadge({ status }: { status: PaymentRequestStatus }) {
  return (
    <Badge tone={TONES[status]} data-testid="request-status">
      {PAYMENT_REQUEST_STATUSES[status]}
    </Badge>
  );
}
