import { BRAND_NAMES, brandOf } from "../usaepay/cards";
import { DECLINING_CARD_SUFFIX } from "./payment-engine";
import type { PayerRecord, PaymentMethodRecord } from "./records";
import type { ClientpayStore } from "./store";
import type { CreditCardInput, ECheckInput } from "./wire-schemas";

/**
 * Saved payment methods, shared by New Payment Method, the hosted payer page and "save my
 * details" on a payment page. Only the last four digits of a number are kept.
 */

export interface MethodInput {
  id?: string | null;
  creditCard?: CreditCardInput | null;
  eCheck?: ECheckInput | null;
  billingAddress?: unknown;
}

export function buildMethod(store: ClientpayStore, payerId: string, input: MethodInput): PaymentMethodRecord {
  const card = input.creditCard;
  const check = input.eCheck;
  const brand = card ? brandOf(card.cardNumber) : undefined;
  return {
    id: input.id || store.nextDeterministicId("payment-method"),
    payerId,
    isPrimary: false,
    kind: card ? "card" : "eCheck",
    last4: (card?.cardNumber ?? check?.accountNumber ?? "").slice(-4),
    cardBrand: brand ? BRAND_NAMES[brand] : null,
    declines: card ? card.cardNumber.endsWith(DECLINING_CARD_SUFFIX) : false,
    cardholderName: card?.cardholderName ?? null,
    expirationDateMonth: card?.expirationDateMonth ?? null,
    expirationDateYear: card?.expirationDateYear ?? null,
    nameOnAccount: check?.nameOnAccount ?? null,
    accountType: check?.accountType ?? null,
    billingAddress: input.billingAddress ?? null,
  };
}

export function setPrimary(payer: PayerRecord, method: PaymentMethodRecord): void {
  for (const other of payer.methods) other.isPrimary = other === method;
}

/** Adds methods to a payer; the first one a payer gets is primary ("one primary per payer"). */
export function attachMethods(payer: PayerRecord, methods: Array<{ method: PaymentMethodRecord; primary: boolean }>): void {
  for (const { method, primary } of methods) {
    payer.methods.push(method);
    if (primary) setPrimary(payer, method);
  }
  if (payer.methods.length > 0 && !payer.methods.some((method) => method.isPrimary)) payer.methods[0]!.isPrimary = true;
}

/** The masked view of a method (Get Payer, payer-page postbacks, the hosted pages). */
export function methodSummary(method: PaymentMethodRecord) {
  return {
    id: method.id,
    isPrimary: method.isPrimary,
    type: method.kind,
    last4: method.last4,
    cardBrand: method.cardBrand,
    cardholderName: method.cardholderName,
    expirationDateMonth: method.expirationDateMonth,
    expirationDateYear: method.expirationDateYear,
    nameOnAccount: method.nameOnAccount,
    accountType: method.accountType,
  };
}

export interface NewPayerFields {
  firstName?: string | null;
  lastName?: string | null;
  businessName?: string | null;
  payerName?: number | null;
  emails?: string[] | null;
  payerAddress?: unknown;
}

export function addPayer(store: ClientpayStore, account: PayerRecord["account"], fields: NewPayerFields): PayerRecord {
  const payer: PayerRecord = {
    id: store.nextDeterministicId("payer"),
    account,
    firstName: fields.firstName ?? null,
    lastName: fields.lastName ?? null,
    businessName: fields.businessName ?? null,
    payerName: fields.payerName ?? null,
    emails: fields.emails ?? [],
    payerAddress: fields.payerAddress ?? null,
    methods: [],
  };
  store.payers.set(payer.id, payer);
  return payer;
}
