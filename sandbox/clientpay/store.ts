import { DEMO_ACCOUNTS, DEMO_CUSTOMER, DEMO_INTEGRATOR_KEY, type AccountName } from "./credentials";
import { deterministicUuid } from "./deterministic";
import type {
  AccessIdRecord,
  ConnectInvoiceRecord,
  PageRecord,
  PayerRecord,
  PaymentRecord,
  TokenScope,
} from "./records";
import { newSecretId } from "./secure-ids";
import { createSeed } from "./seed";
import { refreshSettlement, type SettlementPolicy } from "./settlement";

/**
 * How request ids were used, so a test can prove a client never presents one twice
 * (docs/clientpay-api.md, "Request IDs"). Read through the control plane's counters.
 */
export interface RequestIdStats {
  issued: number;
  consumed: number;
  /** Presented again after it was consumed: refused with 400. */
  replaysRefused: number;
  /** Never issued (or dropped with its dead access id): refused with 400. */
  unknownRefused: number;
  /** Issued under another access id: refused with 400. */
  foreignRefused: number;
}

const NO_REQUEST_ID_USE: RequestIdStats = { issued: 0, consumed: 0, replaysRefused: 0, unknownRefused: 0, foreignRefused: 0 };

/**
 * All mutable emulator state, partitioned by merchant account. `reset()` rebuilds it from the
 * seed, which also drops every access ID and request ID.
 */
export class ClientpayStore {
  accessIds = new Map<string, AccessIdRecord>();
  /** The active access id per account name, plus "customer" for the firm's customerAccessId. */
  current = new Map<AccountName | "customer", string>();
  requestIds = new Map<string, { accessId: string; consumed: boolean }>();
  pages = new Map<string, PageRecord>();
  payments: PaymentRecord[] = [];
  paymentsById = new Map<string, PaymentRecord>();
  payers = new Map<string, PayerRecord>();
  connectInvoices: ConnectInvoiceRecord[] = [];
  requestIdStats: RequestIdStats = { ...NO_REQUEST_ID_USE };
  settlement: SettlementPolicy;
  private nextPaymentId = 0;
  private idCounter = 0;

  constructor(
    private readonly anchor: Date,
    private readonly initialSettlement: SettlementPolicy = { afterSeconds: null },
  ) {
    this.settlement = { ...initialSettlement };
    this.reset();
  }

  reset(): void {
    const seed = createSeed(this.anchor);
    this.accessIds.clear();
    this.current.clear();
    this.requestIds.clear();
    this.pages = new Map(seed.pages.map((page) => [page.requestId, page]));
    this.requestIdStats = { ...NO_REQUEST_ID_USE };
    this.settlement = { ...this.initialSettlement };
    this.payments = seed.payments;
    this.paymentsById = new Map(seed.payments.map((payment) => [payment.paymentId, payment]));
    this.payers = new Map(seed.payers.map((payer) => [payer.id, payer]));
    this.connectInvoices = seed.connectInvoices;
    this.nextPaymentId = seed.nextPaymentId;
    this.idCounter = 0;
  }

  // ---- credentials -------------------------------------------------------------------------

  findAccount(integratorKey: string, accountKey: string, accountPin: string): AccountName | null {
    if (integratorKey !== DEMO_INTEGRATOR_KEY) return null;
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.accountKey === accountKey && candidate.accountPin === accountPin);
    return account?.name ?? null;
  }

  customerMatches(integratorKey: string, customerKey: string, customerPin: string): boolean {
    return (
      integratorKey === DEMO_INTEGRATOR_KEY && customerKey === DEMO_CUSTOMER.customerKey && customerPin === DEMO_CUSTOMER.customerPin
    );
  }

  // ---- access ids --------------------------------------------------------------------------

  /** New Access ID: the previous id for the same scope is expired in the same step. */
  issueAccessId(scope: TokenScope, now: Date): AccessIdRecord {
    const slot = scope.kind === "account" ? scope.account : "customer";
    const previous = this.current.get(slot);
    if (previous) this.endAccessId(previous, "replaced");
    const record: AccessIdRecord = { id: newSecretId(), scope, status: "active", issuedAt: now };
    this.accessIds.set(record.id, record);
    this.current.set(slot, record.id);
    return record;
  }

  currentAccessId(scope: TokenScope): AccessIdRecord | null {
    const id = this.current.get(scope.kind === "account" ? scope.account : "customer");
    return id ? (this.accessIds.get(id) ?? null) : null;
  }

  activeAccessId(id: string): AccessIdRecord | null {
    const record = this.accessIds.get(id);
    return record?.status === "active" ? record : null;
  }

  endAccessId(id: string, reason: "replaced" | "expired"): void {
    const record = this.accessIds.get(id);
    if (!record || record.status === "expired") return;
    record.status = "expired";
    record.endReason = reason;
    const slot = record.scope.kind === "account" ? record.scope.account : "customer";
    if (this.current.get(slot) === id) this.current.delete(slot);
    // Request ids die with their access id: drop them so they read as unknown, not reusable.
    for (const [requestId, entry] of this.requestIds) if (entry.accessId === id) this.requestIds.delete(requestId);
  }

  issueRequestId(accessId: string): string {
    const id = newSecretId();
    this.requestIds.set(id, { accessId, consumed: false });
    this.requestIdStats.issued += 1;
    return id;
  }

  clearRequestIdStats(): void {
    this.requestIdStats = { ...NO_REQUEST_ID_USE };
  }

  // ---- deterministic ids for everything that is not a credential ----------------------------

  nextDeterministicId(kind: string): string {
    this.idCounter += 1;
    return deterministicUuid(`runtime:${kind}`, this.idCounter);
  }

  nextPaymentNumber(): string {
    const id = String(this.nextPaymentId);
    this.nextPaymentId += 1;
    return id;
  }

  /** A payment with its settlement brought up to `now` (settlement.ts). */
  paymentOf(account: AccountName, paymentId: string, now: Date): PaymentRecord | null {
    const payment = this.paymentsById.get(paymentId);
    if (!payment || payment.account !== account) return null;
    refreshSettlement(payment, this.settlement, now);
    return payment;
  }

  /** Every payment of an account, settlement brought up to `now`. */
  paymentsOf(account: AccountName, now: Date): PaymentRecord[] {
    const list = this.payments.filter((payment) => payment.account === account);
    for (const payment of list) refreshSettlement(payment, this.settlement, now);
    return list;
  }

  addPayment(payment: PaymentRecord): void {
    this.payments.push(payment);
    this.paymentsById.set(payment.paymentId, payment);
  }

  payerOf(account: AccountName, payerId: string): PayerRecord | null {
    const payer = this.payers.get(payerId);
    return payer && payer.account === account ? payer : null;
  }

  paymentMethodOf(account: AccountName, methodId: string) {
    for (const payer of this.payers.values()) {
      if (payer.account !== account) continue;
      const method = payer.methods.find((candidate) => candidate.id === methodId);
      if (method) return { payer, method };
    }
    return null;
  }
}
