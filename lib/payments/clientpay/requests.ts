import "server-only";

/**
 * What callers pass to the client (money in integer cents, names in our own camelCase) and
 * the mappers that turn it into ClientPay's wire bodies (decimal amounts; docs/clientpay-api.md).
 */

const toAmount = (cents: number) => Math.round(cents) / 100;
const optionalAmount = (cents: number | undefined) => (cents === undefined ? undefined : toAmount(cents));

export interface TokenExtras {
  /** Integrator's own tracking value, stored with payers/payments made on the page (docs/clientpay-api.md, "Request IDs"). */
  sessionId?: string;
  customerId?: string;
}

export interface Address {
  addressLine1?: string;
  city?: string;
  /** Two-letter US/Canada code; ClientPay refuses anything else. */
  state?: string;
  zipCode?: string;
  phoneNumber?: string;
}

export interface PageOptions {
  headerText?: string;
  subHeaderText?: string;
  footerText?: string;
  hideCustomerHeaderLogo?: boolean;
  /** Seconds; ClientPay raises values below 900 and caps at 31540000 (the default). */
  duration?: number;
  styling?: string | null;
  disableRecaptcha?: boolean;
  enablePayerSaving?: boolean;
  isPayerFacing?: boolean;
}

export interface ResponseOptions {
  enableClientSidePostBack?: boolean;
  clientSideReturnAddress?: string;
  serverSideReturnAddress?: string;
}

export interface EmailOptions {
  sendReceiptToPayer?: boolean;
  receiptEmails?: string[];
}

interface PageCommon extends TokenExtras {
  payerOrPaymentMethodId?: string;
  nameOnAccount?: string;
  billingAddress?: Address;
  pageOptions?: PageOptions;
  emailOptions?: EmailOptions;
  responseOptions?: ResponseOptions;
}

export interface InvoiceInput {
  invoiceNumber: string;
  /** yyyy-mm-dd or mm/dd/yyyy */
  invoiceDate: string;
  dueDate?: string;
  outstandingBalanceCents: number;
  /** Defaults to the outstanding balance; may not exceed it. */
  paymentAmountCents?: number;
  subtotalAmountCents?: number;
  discountAmountCents?: number;
  taxCents?: number;
  editable?: boolean;
  clientId?: string;
  clientName?: string;
  pdfLink?: string;
}

export interface InvoicePageInput extends PageCommon {
  invoices: InvoiceInput[];
}

export interface LineItemInput {
  paymentAmountCents: number;
  editable?: boolean;
  itemId?: string;
  itemName?: string;
  itemDescription?: string;
}

export interface LineItemPageInput extends PageCommon {
  lineItems: LineItemInput[];
  lineItemTableLabels?: { itemIdLabel?: string; itemNameLabel?: string; itemDescriptionLabel?: string };
}

export const CONNECT_OPTIONS = { prolaw: 1, enterprise: 2, "3e": 3, aderant: 4 } as const;
export type ConnectOption = keyof typeof CONNECT_OPTIONS;

export interface ConnectInvoiceInput {
  invoiceNumber: string;
  invoiceDate: string;
  outstandingBalanceCents: number;
  paymentAmountCents?: number;
  matterNumber?: string;
  matterDescription?: string;
  clientId?: string;
  clientName?: string;
  pdfLink?: string;
  isMultiPay?: boolean;
  matterPK?: string;
}

export interface ConnectPageInput extends PageCommon {
  connectOption: ConnectOption;
  invoices: ConnectInvoiceInput[];
}

export interface PayerPageInput extends TokenExtras {
  payerId?: string;
  acceptMultipleMethods?: boolean;
  hidePayerNamePanel?: boolean;
  allowEditsToExistingMethods?: boolean;
  pageOptions?: PageOptions;
  responseOptions?: ResponseOptions;
}

export interface CreditCardInput {
  cardholderName: string;
  cardNumber: string;
  expirationDateMonth: number;
  expirationDateYear: number;
  cvv?: string;
}

export interface ECheckInput {
  nameOnAccount: string;
  routingNumber: string;
  accountNumber: string;
  accountType?: "checking_business" | "checking_personal" | "savings_business" | "savings_personal";
}

/** Exactly one funding source, enforced by the type. */
export type PaymentFunding =
  | { creditCard: CreditCardInput; eCheck?: never; payerOrPaymentMethodId?: never }
  | { eCheck: ECheckInput; creditCard?: never; payerOrPaymentMethodId?: never }
  | { payerOrPaymentMethodId: string; creditCard?: never; eCheck?: never };

export type PaymentInput = TokenExtras &
  PaymentFunding & {
    totalAmountCents: number;
    taxCents?: number;
    description?: string;
    orderId?: string;
    billingInformation?: Address & { nameOnAccount?: string };
  };

export interface RefundInput {
  paymentId: string;
  enableRemainingAmountRefunds?: boolean;
  refundNote?: string;
  orderId?: string;
  emailOptions?: EmailOptions;
}

export interface PayerInput {
  firstName?: string;
  lastName?: string;
  businessName?: string;
  /** 1 "First Last", 2 "Business Name", 3 "First Last | Business Name". */
  payerName?: 1 | 2 | 3;
  emails?: string[];
  payerAddress?: Address & { country?: string };
}

export type NewPaymentMethodInput = {
  id?: string;
  isPrimary?: boolean;
  billingAddress?: Address;
} & ({ creditCard: CreditCardInput; eCheck?: never } | { eCheck: ECheckInput; creditCard?: never });

export interface PaymentMethodUpdateInput {
  id: string;
  isPrimary?: boolean;
  creditCard?: { cardholderName?: string; expirationDateMonth?: number; expirationDateYear?: number };
  eCheck?: { nameOnAccount?: string };
}

export interface ConnectSearchInput {
  connectOption: ConnectOption;
  searchBy: "invoice" | "matter" | "client";
  searchText: string;
  filterBy?: "invoice" | "matter" | "client";
  filterText?: string;
}

const SEARCH_OPTIONS = { invoice: 1, matter: 2, client: 3 } as const;

// ---- mappers ----------------------------------------------------------------------------------

export function tokenWire(requestId: string, extras: TokenExtras) {
  return { requestId, sessionId: extras.sessionId, customerId: extras.customerId };
}

function pageCommonWire(input: PageCommon) {
  return {
    payerOrPaymentMethodId: input.payerOrPaymentMethodId,
    nameOnAccount: input.nameOnAccount,
    billingAddress: input.billingAddress,
    pageOptions: input.pageOptions,
    emailOptions: input.emailOptions,
    responseOptions: input.responseOptions,
  };
}

export function invoicePageWire(requestId: string, input: InvoicePageInput) {
  return {
    token: tokenWire(requestId, input),
    ...pageCommonWire(input),
    invoices: input.invoices.map((invoice) => ({
      editable: invoice.editable,
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
      dueDate: invoice.dueDate,
      subtotalAmount: optionalAmount(invoice.subtotalAmountCents),
      discountAmount: optionalAmount(invoice.discountAmountCents),
      tax: optionalAmount(invoice.taxCents),
      outstandingBalance: toAmount(invoice.outstandingBalanceCents),
      paymentAmount: optionalAmount(invoice.paymentAmountCents),
      clientID: invoice.clientId,
      clientName: invoice.clientName,
      pdfLink: invoice.pdfLink,
    })),
  };
}

export function lineItemPageWire(requestId: string, input: LineItemPageInput) {
  return {
    token: tokenWire(requestId, input),
    ...pageCommonWire(input),
    lineItems: input.lineItems.map((item) => ({
      paymentAmount: toAmount(item.paymentAmountCents),
      editable: item.editable,
      itemId: item.itemId,
      itemName: item.itemName,
      itemDescription: item.itemDescription,
    })),
    // Marked required by the reference; an empty object keeps the default column headers.
    lineItemTableLabels: input.lineItemTableLabels ?? {},
  };
}

export function connectPageWire(requestId: string, input: ConnectPageInput) {
  return {
    token: tokenWire(requestId, input),
    ...pageCommonWire(input),
    connectOption: CONNECT_OPTIONS[input.connectOption],
    invoices: input.invoices.map((invoice) => ({
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
      outstandingBalance: toAmount(invoice.outstandingBalanceCents),
      paymentAmount: optionalAmount(invoice.paymentAmountCents),
      matterNumber: invoice.matterNumber,
      matterDescription: invoice.matterDescription,
      clientID: invoice.clientId,
      clientName: invoice.clientName,
      pdfLink: invoice.pdfLink,
      isMultiPay: invoice.isMultiPay === undefined ? undefined : invoice.isMultiPay ? "Y" : "N",
      matterPK: invoice.matterPK,
    })),
  };
}

export function payerPageWire(requestId: string, input: PayerPageInput) {
  return {
    token: tokenWire(requestId, input),
    payerId: input.payerId,
    acceptMultipleMethods: input.acceptMultipleMethods,
    hidePayerNamePanel: input.hidePayerNamePanel,
    allowEditsToExistingMethods: input.allowEditsToExistingMethods,
    pageOptions: input.pageOptions,
    responseOptions: input.responseOptions,
  };
}

export function paymentWire(requestId: string, input: PaymentInput) {
  return {
    token: tokenWire(requestId, input),
    totalAmount: toAmount(input.totalAmountCents),
    tax: optionalAmount(input.taxCents),
    description: input.description,
    orderId: input.orderId,
    payerOrPaymentMethodId: input.payerOrPaymentMethodId,
    creditCard: input.creditCard,
    eCheck: input.eCheck,
    billingInformation: input.billingInformation,
  };
}

export function refundWire(requestId: string, input: RefundInput) {
  return {
    token: { requestId },
    paymentId: input.paymentId,
    enableRemainingAmountRefunds: input.enableRemainingAmountRefunds,
    refundNote: input.refundNote,
    orderId: input.orderId,
    emailOptions: input.emailOptions,
  };
}

export function connectSearchWire(input: ConnectSearchInput) {
  return {
    connectOption: CONNECT_OPTIONS[input.connectOption],
    searchOption: SEARCH_OPTIONS[input.searchBy],
    searchText: input.searchText,
    filterOption: input.filterBy ? SEARCH_OPTIONS[input.filterBy] : undefined,
    filterText: input.filterText,
  };
}
