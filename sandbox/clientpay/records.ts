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
  url: string;
  payerId: string | null;
  serverSideReturnAddress: string | null;
  /** The request body as received, kept for inspection through the control plane. */
  body: unknown;
}

export type PaymentStatus = "Approved" | "Declined" | "Voided" | "Refunded";

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
  payerId: string | null;
  paymentMethodId: string | null;
  orderId: string | null;
  description: string | null;
  settled: boolean;
  refundedCents: number;
  pageUrl: string | null;
}

export interface PaymentMethodRecord {
  id: string;
  payerId: string;
  isPrimary: boolean;
  kind: "card" | "eCheck";
  last4: string;
  /** Saved cards ending in 0002 decline, like typed ones (spec 10.7). */
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
