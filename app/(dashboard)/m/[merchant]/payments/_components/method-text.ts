import type { ClientpayPaymentDto } from "@/lib/dal/clientpay-payments";

/** "Visa ••••1111", "eCheck ••••0010": ClientPay gives the last four only. */
export function methodText(payment: Pick<ClientpayPaymentDto, "method" | "cardBrand" | "accountLast4">): string {
  if (!payment.method) return "—";
  const label = payment.method === "eCheck" ? "eCheck" : (payment.cardBrand ?? "Card");
  return payment.accountLast4 ? `${label} ••••${payment.accountLast4}` : label;
}
