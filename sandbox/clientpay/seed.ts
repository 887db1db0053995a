import { DEMO_ACCOUNTS, type AccountName } from "./credentials";
import { SeededRandom } from "../shared/prng";
import { deterministicUuid } from "./deterministic";
import type { ConnectInvoiceRecord, PayerRecord, PaymentRecord } from "./records";

/**
 * The deterministic history: the same anchor gives byte-identical data on every run.
 * Payment ids are one increasing sequence across both accounts, ordered by date, starting at
 * FIRST_PAYMENT_ID; new payments continue the sequence.
 */
export const FIRST_PAYMENT_ID = 10_000_001;
const HISTORY_DAYS = 365;
const PAYERS_PER_ACCOUNT = 30;
const CONNECT_INVOICES = 120;

const FIRST_NAMES = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jonas", "Kemi", "Liam"];
const LAST_NAMES = ["Alvarez", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen"];
const BUSINESSES = ["Wyman Corp.", "Harbor Logistics", "Pine & Co", "Northwind LLC", "Blue Mesa Farms", ""];
const MATTERS = ["Estate planning", "Lease dispute", "Incorporation", "Trademark filing", "Employment claim"];

export interface SeedData {
  payments: PaymentRecord[];
  payers: PayerRecord[];
  connectInvoices: ConnectInvoiceRecord[];
  nextPaymentId: number;
}

function seedPayers(account: AccountName, prng: SeededRandom): PayerRecord[] {
  return Array.from({ length: PAYERS_PER_ACCOUNT }, (_, index) => {
    const id = deterministicUuid(`payer:${account}`, index);
    const firstName = prng.pick(FIRST_NAMES);
    const lastName = prng.pick(LAST_NAMES);
    const businessName = prng.pick(BUSINESSES) || null;
    const cardLast4 = String(1000 + ((index * 37) % 9000)).padStart(4, "0");
    const payer: PayerRecord = {
      id,
      account,
      firstName,
      lastName,
      businessName,
      payerName: businessName ? 3 : 1,
      emails: [`${firstName}.${lastName}.${index}@example.test`.toLowerCase()],
      payerAddress: { addressLine1: `${100 + index} Main St`, city: "Shreveport", state: "LA", zipCode: "71101" },
      methods: [
        {
          id: deterministicUuid(`method:${account}`, index * 2),
          payerId: id,
          isPrimary: true,
          kind: "card",
          last4: cardLast4,
          declines: false,
          cardholderName: `${firstName} ${lastName}`,
          expirationDateMonth: 1 + (index % 12),
          expirationDateYear: 2030 + (index % 4),
          nameOnAccount: null,
          accountType: null,
          billingAddress: null,
        },
      ],
    };
    if (index % 3 === 0) {
      payer.methods.push({
        id: deterministicUuid(`method:${account}`, index * 2 + 1),
        payerId: id,
        isPrimary: false,
        kind: "eCheck",
        last4: String(2000 + index).slice(-4),
        declines: false,
        cardholderName: null,
        expirationDateMonth: null,
        expirationDateYear: null,
        nameOnAccount: `${firstName} ${lastName}`,
        accountType: "checking_personal",
        billingAddress: null,
      });
    }
    return payer;
  });
}

function seedPayments(account: AccountName, count: number, anchor: Date, payers: PayerRecord[], prng: SeededRandom) {
  const span = HISTORY_DAYS * 24 * 60 * 60 * 1000;
  const payments: Omit<PaymentRecord, "paymentId">[] = [];
  for (let index = 0; index < count; index += 1) {
    const payer = prng.next() < 0.5 ? prng.pick(payers) : null;
    const method = payer ? prng.pick(payer.methods) : null;
    const amountCents = prng.int(500, 500_000);
    const roll = prng.next();
    const status = roll < 0.05 ? "Declined" : roll < 0.07 ? "Refunded" : "Approved";
    payments.push({
      account,
      requestId: deterministicUuid(`payment-request:${account}`, index),
      sessionId: prng.next() < 0.4 ? `S-${prng.int(1000, 99999)}` : null,
      customerRefNumber: null,
      status,
      paymentDate: new Date(anchor.getTime() - 1 - Math.floor(prng.next() * span)),
      amountCents,
      taxCents: 0,
      surchargeCents: 0,
      methodType: method ? (method.kind === "eCheck" ? 1 : 0) : prng.next() < 0.15 ? 1 : 0,
      payerId: payer?.id ?? null,
      paymentMethodId: method?.id ?? null,
      orderId: prng.next() < 0.3 ? `ORD-${prng.int(10000, 99999)}` : null,
      description: prng.next() < 0.5 ? prng.pick(MATTERS) : null,
      settled: true,
      refundedCents: status === "Refunded" ? amountCents : 0,
      pageUrl: null,
    });
  }
  return payments;
}

function seedConnectInvoices(anchor: Date, prng: SeededRandom): ConnectInvoiceRecord[] {
  return Array.from({ length: CONNECT_INVOICES }, (_, index) => {
    const outstanding = prng.int(1000, 250_000) / 100;
    const date = new Date(anchor.getTime() - prng.int(1, 180) * 86_400_000);
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

export function createSeed(anchor: Date): SeedData {
  const prng = new SeededRandom(20_200_501);
  const payers: PayerRecord[] = [];
  const unnumbered: Omit<PaymentRecord, "paymentId">[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const accountPayers = seedPayers(account.name, prng);
    payers.push(...accountPayers);
    unnumbered.push(...seedPayments(account.name, account.historicalPayments, anchor, accountPayers, prng));
  }
  unnumbered.sort((a, b) => a.paymentDate.getTime() - b.paymentDate.getTime());
  const payments = unnumbered.map((payment, index) => ({ ...payment, paymentId: String(FIRST_PAYMENT_ID + index) }));
  // A few settled payments carry an in-app partial refund so the enableRemainingAmountRefunds
  // rule can be exercised: every 97th approved payment has a third of its amount refunded.
  payments
    .filter((payment) => payment.status === "Approved")
    .forEach((payment, index) => {
      if (index % 97 === 5) payment.refundedCents = Math.floor(payment.amountCents / 3);
    });
  return {
    payments,
    payers,
    connectInvoices: seedConnectInvoices(anchor, prng),
    nextPaymentId: FIRST_PAYMENT_ID + payments.length,
  };
}
