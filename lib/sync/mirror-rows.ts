import "server-only";
import type { UsaepayCustomer, UsaepayTransaction } from "@/lib/payments/usaepay";
import { transactionKind } from "@/lib/validation/transaction-types";

/**
 * USAePay domain objects → mirror rows. Only masked card data is kept (the gateway sends
 * nothing else); the `search` column is lower-cased here so search is portable SQL.
 */
const lower = (...parts: (string | undefined | null)[]) =>
  parts
    .filter((part): part is string => !!part)
    .join(" ")
    .toLowerCase();

export function customerDisplayName(customer: Pick<UsaepayCustomer, "firstName" | "lastName" | "company" | "email" | "key">): string {
  const person = [customer.lastName, customer.firstName].filter(Boolean).join(", ");
  return person || customer.company || customer.email || customer.key;
}

export function transactionRow(merchantAccountId: string, tx: UsaepayTransaction) {
  const refundOfKey = tx.refundOf?.key ?? null;
  const row = {
    merchantAccountId,
    key: tx.key,
    refnum: tx.refnum,
    // A row without a parseable date sorts as the oldest rather than breaking the page.
    createdAt: tx.createdAt ? new Date(tx.createdAt) : new Date(0),
    typeCode: tx.typeCode ?? null,
    typeLabel: tx.typeLabel ?? null,
    resultCode: tx.resultCode,
    outcome: tx.outcome,
    statusCode: tx.statusCode ?? null,
    statusLabel: tx.statusLabel ?? null,
    authCode: tx.authCode ?? null,
    amountCents: tx.amountCents ?? 0,
    authAmountCents: tx.authAmountCents ?? null,
    taxCents: tx.taxCents ?? null,
    tipCents: tx.tipCents ?? null,
    cardBrand: tx.card?.brand ?? null,
    cardMasked: tx.card?.maskedNumber ?? null,
    cardLast4: tx.card?.last4 ?? null,
    cardholder: tx.card?.cardholder ?? tx.check?.accountholder ?? null,
    entryMode: tx.card?.entryMode ?? null,
    checkMasked: tx.check?.maskedAccount ?? null,
    avsCode: tx.avs?.code ?? null,
    avsLabel: tx.avs?.label ?? null,
    cvcCode: tx.cvc?.code ?? null,
    cvcLabel: tx.cvc?.label ?? null,
    batchKey: tx.batch?.key ?? null,
    batchRefnum: tx.batch?.refnum ?? null,
    customerKey: tx.customerKey ?? null,
    customerEmail: tx.customerEmail ?? null,
    invoice: tx.invoice ?? null,
    orderId: tx.orderId ?? null,
    description: tx.description ?? null,
    errorMessage: tx.errorMessage ?? null,
    kind: transactionKind({ typeCode: tx.typeCode, statusCode: tx.statusCode, isCheck: !!tx.check && !tx.card, refundOfKey }),
    refundOfKey,
  };
  return { ...row, search: transactionSearch(row) };
}

type SearchedFields = "refnum" | "key" | "cardholder" | "cardLast4" | "checkMasked" | "customerEmail" | "invoice" | "orderId" | "description" | "authCode";

/** What the table's search matches, from a row's own fields (so a merged row can be searched too). */
export function transactionSearch(row: Record<SearchedFields, string | null>): string {
  return lower(row.refnum, row.key, row.cardholder, row.cardLast4, row.checkMasked, row.customerEmail, row.invoice, row.orderId, row.description, row.authCode);
}

export type TransactionRow = ReturnType<typeof transactionRow>;

export function customerListRow(merchantAccountId: string, customer: UsaepayCustomer) {
  const displayName = customerDisplayName(customer);
  const gatewayId = customer.gatewayId !== undefined && /^\d+$/.test(customer.gatewayId) ? Number(customer.gatewayId) : null;
  return {
    merchantAccountId,
    key: customer.key,
    gatewayId: gatewayId !== null && Number.isSafeInteger(gatewayId) && gatewayId <= 2_147_483_647 ? gatewayId : null,
    customerNumber: customer.customerNumber ?? null,
    company: customer.company ?? null,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    displayName,
    displayNameLower: displayName.toLowerCase(),
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    street: customer.address.street ?? null,
    city: customer.address.city ?? null,
    state: customer.address.state ?? null,
    postalCode: customer.address.postalCode ?? null,
    country: customer.address.country ?? null,
    description: customer.description ?? null,
    search: lower(displayName, customer.firstName, customer.company, customer.email, customer.phone, customer.customerNumber, customer.key, customer.address.city),
  };
}

export type CustomerListRow = ReturnType<typeof customerListRow>;

/** Payment methods and schedules come only with a customer's detail answer; both are masked. */
export function customerDetailFields(customer: UsaepayCustomer) {
  const methods = (customer.paymentMethods ?? []).map((method): MirrorPaymentMethod => ({
    key: method.key,
    kind: method.kind,
    name: method.name ?? null,
    brand: method.brand ?? null,
    last4: method.last4 ?? null,
    expires: method.expires ?? null,
  }));
  const schedules = (customer.billingSchedules ?? []).map((schedule): MirrorBillingSchedule => ({
    key: schedule.key,
    amountCents: schedule.amountCents ?? null,
    frequency: schedule.frequency ?? null,
    nextDate: schedule.nextDate ?? null,
    enabled: schedule.enabled,
    description: schedule.description ?? null,
  }));
  return { paymentMethodsJson: JSON.stringify(methods), billingSchedulesJson: JSON.stringify(schedules), detailSyncedAt: new Date() };
}

export interface MirrorPaymentMethod {
  key: string;
  kind: string;
  name: string | null;
  brand: string | null;
  last4: string | null;
  expires: string | null;
}
export interface MirrorBillingSchedule {
  key: string;
  amountCents: number | null;
  frequency: string | null;
  nextDate: string | null;
  enabled: boolean;
  description: string | null;
}
