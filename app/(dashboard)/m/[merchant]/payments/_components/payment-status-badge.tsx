import { Badge } from "@/components/ui/badge";
import { CLIENTPAY_STATUSES, type ClientpayStatus } from "@/lib/validation/clientpay-payments";

export function PaymentStatusBadge({ status }: { status: string }) {
  const known = CLIENTPAY_STATUSES[status as ClientpayStatus];
  return <Badge tone={known?.tone ?? "neutral"}>{known?.label ?? status}</Badge>;
}
