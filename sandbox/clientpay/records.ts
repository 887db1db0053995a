import type { AccountName } from "./credentials";

/** What the emulator remembers. Money is held in integer cents and converted only on the wire. */

export type TokenScope = { kind: "account"; account: AccountName } | { kind: "customer" };

export interface AccessIdRecord {
  id: string;
  scope: TokenScope;
  status: "active" | "expired";
  issuedAt: Date;
  /** Why the id stopped working: a later New Access ID, or Expire Access ID. */
  endReason?: "replaced" | "expired";
}

export interface RequestIdRecord {
  id: string;
  accessId: string;
  consumed: boolean;
}

export type PageKind = "invoice" | "lineItem" | "connect" | "payer";

/** One payable line of a payment page: an invoice (invoice and connect pages) or a line item. */
export interface PageLine {
  /** Invoice number, or the line item's name/id. */
  label: string;
  invoiceNumber: string | null;
  detail: string | null;
  dueDate: string | null;
  /** The most the payer may pay on this line (outstandingBalance; a line item's own amount). */
  maxCents: number;
  /** What the page offers to pay (paymentAmount, defaulting to the outstanding balance). */
  amountCents: number;
  /** The payer may change the amount (up to maxCents). */
  editable: boolean;
  pdfLink: string | null;
}

/** The page options the hosted page honours (docs/clientpay-api.md, "Hosted pages"). */
export interface PageLook {
  headerText: string | null;
  subHeaderText: string | null;
  footerText: string | null;
  enablePayerSaving: boolean;
  isPayerFacing: boolean;
}

export interface PageRecord {
  requestId: string;
  account: AccountName;
  kind: PageKind;
  status: "Active" | "Completed" | "Expired";
  createdAt: Date;
  durationSeconds: number;
  amountCents: number;
  sessionId: string | null;
  customerId: string | null;
  payerId: string | null;
  /** payerOrPaymentMethodId named one method: only that one is offered. */
  paymentMethodId: string | null;
  serverSideReturnAddress: string | null;
  nameOnAccount: string | null;
  lines: PageLine[];
  look: PageLook;
  /** Payer pages: several methods may be added before the payer finishes. */
  acceptMultipleMethods: boolean;
  hidePayerNamePanel: boolean;
  /** Set once the page is paid (payment pages) or finished (payer pages). */
  completedAt: Date | null;
  paymentId: string | null;
  /** Methods a payer page has added so far (ids), reported in its postback. */
  addedMethodIds: string[];
  /** The request body as received, kept for inspection through the control plane. */
  body: unknown;
}

/** "PartiallyRefunded" is ours: a settled payment with a refund below its amount. */
export type PaymentStatus = "Approved" | "Declined" | "Voided" | "Refunded" | "PartiallyRefunded";

export interface RefundRecord {
  /** The refund transaction's id from the payment sequence; null for a void. */
  refundPaymentId: string | null;
  action: "Void" | "Refund" | "PartialRefund";
  amountCents: number;
  /** The request id of the Full Refund/Void call (null for an in-app partial refund). */
  requestId: string | null;
  refundNote: string | null;
  orderId: string | null;
  date: Date;
}

export interface PaymentRecord {
  paymentId: string;
  account: AccountName;
  requestId: string;
  sessionId: string | null;
  customerRefNumber: string | null;
  status: PaymentStatus;
  paymentDate: Date;
  amountCents: number;
  taxCents: number;
  surchargeCents: number;
  /** 0 = card, 1 = eCheck (the sample's 0 is taken to mean card). */
  methodType: 0 | 1;
  /** Last four digits of the card or bank account; never more. */
  last4: string | null;
  /** Visa, Mastercard, ... from the card number's prefix; null for an eCheck. */
  cardBrand: string | null;
  payerId: string | null;
  paymentMethodId: string | null;
  /** Who paid, as entered on the page or stored on the payer. */
  payerName: string | null;
  payerEmail: string | null;
  invoiceNumbers: string[];
  orderId: string | null;
  description: string | null;
  /** When the payment settled ("end of day"); null while unsettled. See settlement.ts. */
  settledAt: Date | null;
  refundedCents: number;
  refunds: RefundRecord[];
  /** Last change (settlement, refund, void); searchable as LastModified. */
  updatedAt: Date;
  /** The hosted page it was paid on (its URL is built from the emulator's app base URL). */
  pageRequestId: string | null;
}

export interface PaymentMethodRecord {
  id: string;
  payerId: string;
  isPrimary: boolean;
  kind: "card" | "eCheck";
  last4: string;
  cardBrand: string | null;
  /** Saved cards ending in 0002 decline, like typed ones (docs/clientpay-api.md, "Test cards and magic inputs"). */
  declines: boolean;
  cardholderName: string | null;
  expirationDateMonth: number | null;
  expirationDateYear: number | null;
  nameOnAccount: string | null;
  accountType: string | null;
  billingAddress: unknown;
}

export interface PayerRecord {
  id: string;
  account: AccountName;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  payerName: number | null;
  emails: string[];
  payerAddress: unknown;
  methods: PaymentMethodRecord[];
}

export interface ConnectInvoiceRecord {
  invoiceNumber: string;
  invoiceDate: string;
  outstandingBalance: number;
  paymentAmount: number;
  matterNumber: string;
  matterDescription: string;
  clientID: string;
  clientName: string;
  pdfLink: string;
  isMultiPay: "Y" | "N";
  matterPK: string;
}
