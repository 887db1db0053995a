import "server-only";
import { db } from "@/lib/db";
import type { ClientpayPayer } from "@/lib/payments/clientpay";

/**
 * The payers Paydesk knows (table ClientpayPayer): their row fields and the masked copy of
 * their saved methods from the last Get Payer (docs/clientpay-api.md, "Payers").
 */

export interface PayerMethodDto {
  id: string;
  type: "card" | "eCheck";
  isPrimary: boolean;
  cardBrand: string | null;
  last4: string | null;
  expiry: string | null;
  holderName: string | null;
}

function displayNameOf(payer: { firstName?: string | null; lastName?: string | null; businessName?: string | null }, fallback: string): string {
  const person = [payer.firstName, payer.lastName].filter(Boolean).join(" ");
  return person || payer.businessName || fallback;
}

export function rowFields(payer: { firstName?: string | null; lastName?: string | null; businessName?: string | null; email?: string | null }, fallback: string) {
  const displayName = displayNameOf(payer, fallback);
  const email = payer.email || null;
  return {
    displayName,
    displayNameLower: displayName.toLowerCase(),
    firstName: payer.firstName || null,
    lastName: payer.lastName || null,
    businessName: payer.businessName || null,
    email,
    search: [displayName, payer.businessName, email].filter(Boolean).join(" ").toLowerCase(),
  };
}

/** Masked methods only: ClientPay sends type, brand, last four and expiry, never a number. */
function maskedMethods(payer: ClientpayPayer): PayerMethodDto[] {
  return payer.paymentMethods.map((method) => ({
    id: method.id,
    type: method.type,
    isPrimary: method.isPrimary,
    cardBrand: method.cardBrand,
    last4: method.last4,
    expiry: method.expirationDateMonth && method.expirationDateYear ? `${String(method.expirationDateMonth).padStart(2, "0")}/${method.expirationDateYear}` : null,
    holderName: method.cardholderName ?? method.nameOnAccount,
  }));
}

export async function storePayerDetail(merchantAccountId: string, payer: ClientpayPayer) {
  const fields = rowFields({ ...payer, email: payer.emails[0] ?? null }, `Payer ${payer.payerId}`);
  await db.clientpayPayer.upsert({
    where: { merchantAccountId_payerId: { merchantAccountId, payerId: payer.payerId } },
    create: { merchantAccountId, payerId: payer.payerId, source: "payments", ...fields, paymentMethodsJson: JSON.stringify(maskedMethods(payer)), detailSyncedAt: new Date() },
    update: { ...fields, paymentMethodsJson: JSON.stringify(maskedMethods(payer)), detailSyncedAt: new Date() },
  });
}

