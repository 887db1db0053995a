import type { CardBrand } from "./cards";

/** In-memory records of the emulator; serializers turn them into wire objects. Money is integer cents. */
export interface CardTender {
  kind: "card";
  brand: CardBrand;
  masked: string;
  cardholder: string;
  categoryCode: string;
  expiration: string;
  entryMode: string;
  avsStreet?: string;
  avsPostalcode?: string;
  /** Full number kept only so quicksale/refunds can reuse the card; never serialized. */
  number?: string;
}

export interface CheckTender {
  kind: "check";
  accountholder: string;
  accountMasked: string;
  routingMasked: string;
  accountType: "Checking" | "Savings";
  checknum?: string;
  format?: string;
}

export type Tender = CardTender | CheckTender;

export interface Address {
  company?: string;
  first_name?: string;
  last_name?: string;
  street?: string;
  street2?: string;
  city?: string;
  state?: string;
  postalcode?: string;
  country?: string;
  phone?: string;
  fax?: string;
}

export interface AmountDetail {
  subtotal?: number;
  tax?: number;
  tip?: number;
  discount?: number;
  shipping?: number;
  duty?: number;
}

export type ResultCode = "A" | "P" | "D" | "E";

export interface TxRecord {
  /** Position in the merchant's transaction id space (generated rows first, then new ones). */
  index: number;
  key: string;
  refnum: string;
  created: number;
  trantypeCode: string;
  resultCode: ResultCode;
  error?: string;
  errorCode?: number;
  authcode: string;
  amount: number;
  authAmount: number;
  detail: AmountDetail;
  tender?: Tender;
  avs?: string;
  cvc?: string;
  batchIndex?: number;
  /** Auth-only that has not been captured: not part of any batch yet. */
  queued?: boolean;
  voided?: boolean;
  released?: boolean;
  /** A connected refund's original (refund, quickrefund, creditvoid after settlement ...). */
  origIndex?: number;
  custIndex?: number;
  invoice?: string;
  ponum?: string;
  orderid?: string;
  description?: string;
  comments?: string;
  email?: string;
  clientip?: string;
  sourceName: string;
  billing?: Address;
  shipping?: Address;
  customFields?: Record<string, string>;
  lineitems?: unknown[];
  procRefnum?: string;
}

export interface PaymentMethodRecord {
  key: string;
  payType: "cc" | "check";
  methodName: string;
  cardholder: string;
  expires: string;
  brand?: CardBrand;
  masked: string;
  avsStreet?: string;
  avsPostalcode?: string;
  accountType?: string;
  routingMasked?: string;
  sortord: number;
  added: number;
  updated: number;
  /** Full card number or account, kept for customer:sale; never serialized. */
  secretNumber?: string;
}

export interface BillingScheduleRecord {
  key: string;
  paymethodKey: string;
  amount: number;
  description: string;
  enabled: boolean;
  frequency: string;
  nextDate: string;
  startDate: string;
  numleft: number;
  skipCount: number;
  currencyCode: string;
  sendReceipt: boolean;
  orderid?: string;
  receiptNote?: string;
  tax?: number;
}

export interface CustomerRecord {
  index: number;
  key: string;
  custid: string;
  customerid: string;
  company: string;
  first_name: string;
  last_name: string;
  street: string;
  street2: string;
  city: string;
  state: string;
  postalcode: string;
  country: string;
  phone: string;
  fax: string;
  email: string;
  url: string;
  notes: string;
  description: string;
  enabled: boolean;
  customFields: Record<string, string | null>;
  paymentMethods: PaymentMethodRecord[];
  billingSchedules: BillingScheduleRecord[];
  created: number;
}

export interface BatchRecord {
  index: number;
  key: string;
  batchrefnum: number;
  sequence: number;
  opened: number;
  closed?: number;
  /** Scheduled auto-close time shown while open. */
  scheduled: number;
}
