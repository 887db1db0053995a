import { SeededRandom } from "../shared/prng";
import { BRAND_NAMES, brandOf } from "../usaepay/cards";
import { COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, STREET_NAMES } from "../usaepay/names";
import { DEMO_ACCOUNTS, type AccountName } from "./credentials";
import { deterministicUuid } from "./deterministic";
import { MAX_PAGE_SECONDS } from "./pages";
import { payerDisplayName } from "./payment-engine";
import type { ConnectInvoiceRecord, PageRecord, PayerRecord, PaymentMethodRecord, PaymentRecord, PaymentStatus, RefundRecord } from "./records";

/**
 * The deterministic history: the same anchor gives byte-identical data on every run.
 * Payment ids are one increasing sequence across both accounts, ordered by date, starting at
 * FIRST_PAYMENT_ID; seeded refunds take the next ids, and new payments continue the sequence.
 *
 * What the demo shows (per account): payers with names, emails and invoices; cards of several
 * brands and eCheck; declines, voids, full and partial refunds; payments of the last
 * UNSETTLED_HOURS before the anchor still unsettled; saved payers with methods; and a few
 * open, paid and expired invoice pages plus one open payer page.
 */
export const FIRST_PAYMENT_ID = 10_000_001;
const HISTORY_DAYS = 365;
const UNSETTLED_HOURS = 30;
const PAYERS_PER_ACCOUNT = 30;
const CONNECT_INVOICES = 120;
const DAY_MS = 86_400_000;
/** ClientPay settles at "end of day"; the emulator's merchant day ends at midnight at -05:00. */
const DAY_END_OFFSET_MS = 5 * 60 * 60 * 1000;

const MATTERS = ["Estate planning", "Lease dispute", "Incorporation", "Trademark filing", "Employment claim", "Retainer", "Contract review"];
const REFUND_NOTES = ["Overpayment returned to client", "Retainer balance returned", "Billing correction", "Duplicate payment"];
const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];
/** Test-card prefixes per brand (the last four digits are generated). */
const CARD_PREFIXES = ["4111", "4242", "5454", "5555", "3782", "6011"];

export interface SeedData {
  payments: PaymentRecord[];
  payers: PayerRecord[];
  pages: PageRecord[];
  connectInvoices: ConnectInvoiceRecord[];
  nextPaymentId: number;
}

interface Person {
  name: string;
  email: string;
}

function person(prng: SeededRandom): Person & { firstName: string; lastName: string; businessName: string | null } {
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const businessName = prng.chance(0.15) ? `${prng.pick(COMPANY_WORDS)} ${prng.pick(COMPANY_SUFFIXES)}` : null;
  const email = `${firstName}.${lastName}${prng.int(1, 99)}@${prng.pick(EMAIL_DOMAINS)}`.toLowerCase();
  return { firstName, lastName, businessName, name: businessName ?? `${firstName} ${lastName}`, email };
}

function brandName(prefix: string): string | null {
  const brand = brandOf(prefix);
  return brand ? BRAND_NAMES[brand] : null;
}

function seedPayers(account: AccountName, prng: SeededRandom): PayerRecord[] {
  return Array.from({ length: PAYERS_PER_ACCOUNT }, (_, index) => {
    const id = deterministicUuid(`payer:${account}`, index);
    const who = person(prng);
    const prefix = prng.pick(CARD_PREFIXES);
    const card: PaymentMethodRecord = {
      id: deterministicUuid(`method:${account}`, index * 2),
      payerId: id,
      isPrimary: true,
      kind: "card",
      last4: String(prng.int(1000, 9999)),
      cardBrand: brandName(prefix),
      declines: false,
      cardholderName: `${who.firstName} ${who.lastName}`,
      expirationDateMonth: 1 + (index % 12),
      expirationDateYear: 2030 + (index % 4),
      nameOnAccount: null,
      accountType: null,
      billingAddress: null,
    };
    const payer: PayerRecord = {
      id,
      account,
      firstName: who.firstName,
      lastName: who.lastName,
      businessName: who.businessName,
      payerName: who.businessName ? 3 : 1,
      emails: [who.email],
      payerAddress: { addressLine1: `${100 + index} ${prng.pick(STREET_NAMES)}`, city: "Shreveport", state: "LA", zipCode: "71101" },
      methods: [card],
    };
    if (index % 3 === 0) {
      payer.methods.push({
        id: deterministicUuid(`method:${account}`, index * 2 + 1),
        payerId: id,
        isPrimary: false,
        kind: "eCheck",
        last4: String(prng.int(1000, 9999)),
        cardBrand: null,
        declines: false,
        cardholderName: null,
        expirationDateMonth: null,
        expirationDateYear: null,
        nameOnAccount: `${who.firstName} ${who.lastName}`,
        accountType: "checking_personal",
        billingAddress: null,
      });
    }
    return payer;
  });
}

/** End of the merchant's day containing `date` (settlement time of a payment made then). */
function endOfDay(date: Date): Date {
  const local = date.getTime() - DAY_END_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS + DAY_MS + DAY_END_OFFSET_MS);
}

function statusRoll(prng: SeededRandom): PaymentStatus {
  const roll = prng.next();
  if (roll < 0.04) return "Declined";
  if (roll < 0.05) return "Voided";
  if (roll < 0.08) return "Refunded";
  if (roll < 0.1) return "PartiallyRefunded";
  return "Approved";
}

type UnnumberedRefund = Omit<RefundRecord, "refundPaymentId"> & { numbered: boolean };
type UnnumberedPayment = Omit<PaymentRecord, "paymentId" | "refunds"> & { refunds: UnnumberedRefund[] };

function seedPayments(account: AccountName, count: number, anchor: Date, payers: PayerRecord[], prng: SeededRandom) {
  const span = HISTORY_DAYS * DAY_MS;
  const unsettledFrom = anchor.getTime() - UNSETTLED_HOURS * 3_600_000;
  const payments: UnnumberedPayment[] = [];
  for (let index = 0; index < count; index += 1) {
    const paymentDate = new Date(anchor.getTime() - 1 - Math.floor(prng.next() * span));
    const payer = prng.chance(0.35) ? prng.pick(payers) : null;
    const method = payer ? prng.pick(payer.methods) : null;
    const who = payer ? { name: payerDisplayName(payer), email: payer.emails[0] ?? null } : person(prng);
    const isCheck = method ? method.kind === "eCheck" : prng.chance(0.18);
    const prefix = prng.pick(CARD_PREFIXES);
    const amountCents = prng.chance(0.1) ? prng.int(250_000, 2_500_000) : prng.int(2_500, 250_000);
    const invoiceRoll = prng.next();
    const invoiceCount = invoiceRoll < 0.7 ? 1 : invoiceRoll < 0.8 ? 2 : 0;
    const year = paymentDate.getUTCFullYear();
    const invoiceNumbers = Array.from({ length: invoiceCount }, () => `INV-${year}-${String(prng.int(1, 9999)).padStart(4, "0")}`);
    const orderId = invoiceCount === 0 && prng.chance(0.6) ? `ORD-${prng.int(10000, 99999)}` : null;
    let status = statusRoll(prng);
    const recent = paymentDate.getTime() >= unsettledFrom;
    // Refunds need settlement; a payment that is too recent to have settled is still approved.
    if (recent && (status === "Refunded" || status === "PartiallyRefunded")) status = "Approved";
    const settles = !recent && status !== "Declined" && status !== "Voided";
    const settledAt = settles ? endOfDay(paymentDate) : null;
    const refunds: UnnumberedRefund[] = [];
    if (status === "Voided") {
      refunds.push({ action: "Void", amountCents, requestId: null, refundNote: null, orderId: null, date: new Date(paymentDate.getTime() + 3_600_000), numbered: false });
    } else if (settledAt && (status === "Refunded" || status === "PartiallyRefunded")) {
      const refunded = status === "Refunded" ? amountCents : Math.floor((amountCents * prng.int(10, 60)) / 100);
      refunds.push({
        action: status === "Refunded" ? "Refund" : "PartialRefund",
        amountCents: refunded,
        requestId: status === "Refunded" ? deterministicUuid(`refund-request:${account}`, index) : null,
        refundNote: prng.pick(REFUND_NOTES),
        orderId: null,
        date: new Date(Math.min(settledAt.getTime() + prng.int(1, 20) * DAY_MS, anchor.getTime() - 1)),
        numbered: true,
      });
    }
    const refundedCents = refunds.filter((refund) => refund.action !== "Void").reduce((sum, refund) => sum + refund.amountCents, 0);
    payments.push({
      account,
      requestId: deterministicUuid(`payment-request:${account}`, index),
      sessionId: prng.chance(0.4) ? `S-${prng.int(1000, 99999)}` : null,
      customerRefNumber: prng.chance(0.3) ? String(prng.int(100, 999)) : null,
      status,
      paymentDate,
      amountCents,
      taxCents: 0,
      surchargeCents: 0,
      methodType: isCheck ? 1 : 0,
      last4: method?.last4 ?? String(prng.int(1000, 9999)),
      cardBrand: isCheck ? null : (method?.cardBrand ?? brandName(prefix)),
      payerId: payer?.id ?? null,
      paymentMethodId: method?.id ?? null,
      payerName: who.name,
      payerEmail: who.email,
      invoiceNumbers,
      orderId,
      description: prng.chance(0.5) ? prng.pick(MATTERS) : null,
      settledAt,
      refundedCents,
      refunds,
      updatedAt: refunds.at(-1)?.date ?? settledAt ?? paymentDate,
      pageRequestId: null,
    });
  }
  return payments;
}

function seedConnectInvoices(anchor: Date, prng: SeededRandom): ConnectInvoiceRecord[] {
  return Array.from({ length: CONNECT_INVOICES }, (_, index) => {
    const outstanding = prng.int(1000, 250_000) / 100;
    const date = new Date(anchor.getTime() - prng.int(1, 180) * DAY_MS);
    const client = 300 + (index % 40);
    return {
      invoiceNumber: String(5001 + index),
      invoiceDate: date.toISOString().slice(0, 10),
      outstandingBalance: outstanding,
      paymentAmount: outstanding,
      matterNumber: `M-${2001 + (index % 60)}`,
      matterDescription: prng.pick(MATTERS),
      clientID: String(client),
      clientName: `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`,
      pdfLink: `https://files.example.test/invoices/${5001 + index}.pdf`,
      isMultiPay: "N",
      matterPK: String(90_000 + (index % 60)),
    };
  });
}

function blankPage(account: AccountName, requestId: string, createdAt: Date): PageRecord {
  return {
    requestId,
    account,
    kind: "invoice",
    status: "Active",
    createdAt,
    durationSeconds: MAX_PAGE_SECONDS,
    amountCents: 0,
    sessionId: null,
    customerId: null,
    payerId: null,
    paymentMethodId: null,
    serverSideReturnAddress: null,
    nameOnAccount: null,
    lines: [],
    look: { headerText: null, subHeaderText: null, footerText: null, enablePayerSaving: true, isPayerFacing: true },
    acceptMultipleMethods: true,
    hidePayerNamePanel: true,
    completedAt: null,
    paymentId: null,
    addedMethodIds: [],
    body: { seeded: true },
  };
}

function invoiceLine(invoiceNumber: string, amountCents: number, dueDate: string | null): PageRecord["lines"][number] {
  return { label: invoiceNumber, invoiceNumber, detail: null, dueDate, maxCents: amountCents, amountCents, editable: true, pdfLink: null };
}

/**
 * Open, paid and expired invoice pages, and an open payer page, per account. Paid pages are
 * the pages the account's latest invoice payments were made on (same requestId, linked both ways).
 */
function seedPages(account: AccountName, anchor: Date, payments: PaymentRecord[], payers: PayerRecord[], prng: SeededRandom): PageRecord[] {
  const pages: PageRecord[] = [];
  let counter = 0;
  const nextId = () => deterministicUuid(`page-request:${account}`, counter++);
  const dueIn = (days: number) => new Date(anchor.getTime() + days * DAY_MS).toISOString().slice(0, 10);

  for (let index = 0; index < 4; index += 1) {
    const who = person(prng);
    const cents = prng.int(15_000, 400_000);
    const page = blankPage(account, nextId(), new Date(anchor.getTime() - prng.int(1, 10) * DAY_MS));
    const invoiceNumber = `INV-${anchor.getUTCFullYear()}-${String(9000 + index + (account === "trust" ? 50 : 0))}`;
    Object.assign(page, {
      amountCents: cents,
      nameOnAccount: who.name,
      lines: [invoiceLine(invoiceNumber, cents, dueIn(14 + index * 7))],
      look: { ...page.look, headerText: "Invoice payment", subHeaderText: `For ${who.name}` },
    });
    pages.push(page);
  }

  const paidOnPages = payments.filter((payment) => payment.account === account && payment.status === "Approved" && payment.invoiceNumbers.length === 1).slice(-3);
  for (const payment of paidOnPages) {
    const page = blankPage(account, payment.requestId, new Date(payment.paymentDate.getTime() - prng.int(1, 5) * DAY_MS));
    Object.assign(page, {
      status: "Completed",
      amountCents: payment.amountCents,
      nameOnAccount: payment.payerName,
      lines: [invoiceLine(payment.invoiceNumbers[0]!, payment.amountCents, null)],
      completedAt: payment.paymentDate,
      paymentId: payment.paymentId,
    });
    payment.pageRequestId = page.requestId;
    pages.push(page);
  }

  for (let index = 0; index < 3; index += 1) {
    const cents = prng.int(10_000, 90_000);
    const page = blankPage(account, nextId(), new Date(anchor.getTime() - prng.int(30, 90) * DAY_MS));
    const invoiceNumber = `INV-${anchor.getUTCFullYear() - 1}-${String(8000 + index + (account === "trust" ? 50 : 0))}`;
    // Fourteen-day pages created a month or more ago: they age into Expired when read.
    Object.assign(page, { amountCents: cents, durationSeconds: 14 * 86_400, lines: [invoiceLine(invoiceNumber, cents, null)] });
    pages.push(page);
  }

  const payerPage = blankPage(account, nextId(), new Date(anchor.getTime() - 2 * DAY_MS));
  Object.assign(payerPage, { kind: "payer", payerId: payers[1]!.id, look: { ...payerPage.look, headerText: "Save a payment method" } });
  pages.push(payerPage);
  return pages;
}

export function createSeed(anchor: Date): SeedData {
  const prng = new SeededRandom(20_200_501);
  const payers: PayerRecord[] = [];
  const unnumbered: UnnumberedPayment[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const accountPayers = seedPayers(account.name, prng);
    payers.push(...accountPayers);
    unnumbered.push(...seedPayments(account.name, account.historicalPayments, anchor, accountPayers, prng));
  }
  unnumbered.sort((a, b) => a.paymentDate.getTime() - b.paymentDate.getTime());
  let nextId = FIRST_PAYMENT_ID + unnumbered.length;
  const payments: PaymentRecord[] = unnumbered.map((payment, index) => ({
    ...payment,
    paymentId: String(FIRST_PAYMENT_ID + index),
    refunds: payment.refunds.map(({ numbered, ...refund }) => ({ ...refund, refundPaymentId: numbered ? String(nextId++) : null })),
  }));
  const pages = DEMO_ACCOUNTS.flatMap((account) =>
    seedPages(account.name, anchor, payments, payers.filter((payer) => payer.account === account.name), prng),
  );
  return { payments, payers, pages, connectInvoices: seedConnectInvoices(anchor, prng), nextPaymentId: nextId };
}
