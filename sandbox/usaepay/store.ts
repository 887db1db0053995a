import { hashString } from "../shared/prng";
import type { StoreEvent } from "./events";
import {
  batchCount,
  type Codecs,
  DAY_MS,
  type DatasetShape,
  generateCustomer,
  generatedRefundOf,
  generateTransaction,
  indexRangeOfDay,
} from "./generator";
import { KeyCodec } from "./keys";
import type { BatchRecord, CustomerRecord, TxRecord } from "./model";

/** A merchant's data: generated rows (by index) plus an in-memory overlay of every mutation. */
export interface MerchantProfile {
  id: string;
  name: string;
  customerCount: number;
  transactionCount: number;
}

export interface BatchTotals {
  salesCount: number;
  salesAmount: number;
  refundsCount: number;
  refundsAmount: number;
  voidsCount: number;
  voidsAmount: number;
}

/** Approved card or check sales (captured auths included) are what connected refunds may refer to. */
export function isRefundable(tx: TxRecord): boolean {
  const sale = tx.trantypeCode === "S" || tx.trantypeCode === "K" || tx.trantypeCode === "L";
  return sale && (tx.resultCode === "A" || tx.resultCode === "P");
}

/** What refunds took back: approved and not voided (a voided refund gave the money back). */
export function refundedTotal(refunds: readonly TxRecord[]): number {
  let total = 0;
  for (const refund of refunds) if ((refund.resultCode === "A" || refund.resultCode === "P") && !refund.voided) total += refund.amount;
  return total;
}

export interface Page<T> {
  total: number;
  rows: T[];
}

export class MerchantStore {
  readonly shape: DatasetShape;
  readonly codecs: Codecs;
  private readonly refnumBase: number;
  private readonly batchRefBase: number;
  private customerCache: (CustomerRecord | undefined)[] = [];
  private txPatches = new Map<number, Partial<TxRecord>>();
  private newTransactions: TxRecord[] = [];
  private customerOverrides = new Map<number, CustomerRecord>();
  private newCustomers: CustomerRecord[] = [];
  private deletedCustomers = new Set<number>();
  /** Generated batches are built once; closing the open one mutates its cached record. */
  private generatedBatches: (BatchRecord | undefined)[] = [];
  private newBatches: BatchRecord[] = [];
  private currentBatch: number | undefined;
  private closedTotalsCache = new Map<number, BatchTotals>();
  private paymentMethodCounter = 0;
  private scheduleCounter = 0;
  /** Connected refunds made through the API, by their original's index (oldest first). */
  private refundsByOriginal = new Map<number, number[]>();
  /** How many generated rows were built: lets tests prove pages cost the same at any offset. */
  generatedRowBuilds = 0;
  /** Receipts "emailed" by POST /transactions/{key}/send, newest last. */
  readonly sentReceipts: { transactionKey: string; toemail: string; fromemail?: string; template: string; at: number }[] = [];
  /** Set by the emulator state: every state change a webhook could report goes through here. */
  onEvent?: (event: StoreEvent) => void;
  /** Payment-engine devices and pay requests (docs/usaepay-api.md, "Payment Engine"), kept only in memory. */
  readonly devices = new Map<string, Record<string, unknown>>();
  readonly payRequests = new Map<string, { key: string; devicekey: string; body: Record<string, unknown>; created: number; polls: number; status: string; txIndex?: number }>();
  private engineCounter = 0;

  emit(event: StoreEvent): void {
    this.onEvent?.(event);
  }

  nextEngineKey(prefix: "sa_" | "pr_"): string {
    this.engineCounter += 1;
    return prefix + this.codecs.transaction.encode(2_000_000_000 + this.engineCounter) + this.codecs.customer.encode(2_000_000_000 + this.engineCounter).slice(0, 17);
  }

  /** Duplicate-detection fingerprints → transaction index and time. */
  readonly recentFingerprints = new Map<string, { index: number; at: number }>();

  /** The merchant's id in webhook bodies (`merch_key`); never an API key. */
  readonly merchantKey: string;

  constructor(readonly profile: MerchantProfile, anchorMs: number) {
    const seed = hashString(`usaepay:${profile.id}`);
    this.shape = { seed, anchorMs, customerCount: profile.customerCount, transactionCount: profile.transactionCount };
    this.codecs = {
      transaction: new KeyCodec(`${profile.id}:transaction`, 15),
      customer: new KeyCodec(`${profile.id}:customer`, 16),
      batch: new KeyCodec(`${profile.id}:batch`, 15),
      paymentMethod: new KeyCodec(`${profile.id}:paymethod`, 16),
      schedule: new KeyCodec(`${profile.id}:schedule`, 16),
    };
    this.refnumBase = 3_100_000_000 + (seed % 90) * 10_000_000;
    this.batchRefBase = 540_000 + (seed % 90) * 1_000;
    this.currentBatch = batchCount(this.shape) > 0 ? 0 : undefined;
    this.merchantKey = new KeyCodec(`${profile.id}:merchant`, 16).encode(0);
  }

  // ---- transactions ----

  get generatedTxCount(): number {
    return this.shape.transactionCount;
  }

  get transactionTotal(): number {
    return this.shape.transactionCount + this.newTransactions.length;
  }

  refnumOf = (index: number): string => {
    const n = this.shape.transactionCount;
    return String(this.refnumBase + (index < n ? n - 1 - index : index));
  };

  indexOfRefnum(refnum: string): number | undefined {
    if (!/^\d+$/.test(refnum)) return undefined;
    const r = Number(refnum) - this.refnumBase;
    const n = this.shape.transactionCount;
    if (r < 0) return undefined;
    const index = r < n ? n - 1 - r : r;
    return index < this.transactionTotal ? index : undefined;
  }

  private customerOfGenerated = (index: number): CustomerRecord => {
    let cached = this.customerCache[index];
    if (!cached) {
      cached = generateCustomer(this.shape, this.codecs, index);
      this.customerCache[index] = cached;
    }
    return cached;
  };

  transactionAt(index: number): TxRecord | undefined {
    if (index < 0) return undefined;
    if (index < this.shape.transactionCount) {
      this.generatedRowBuilds += 1;
      const base = generateTransaction(this.shape, this.codecs, index, this.customerOfGenerated, this.refnumOf);
      const patch = this.txPatches.get(index);
      return patch ? { ...base, ...patch } : base;
    }
    return this.newTransactions[index - this.shape.transactionCount];
  }

  findTransaction(keyOrRefnum: string | undefined): TxRecord | undefined {
    if (!keyOrRefnum) return undefined;
    const byKey = this.codecs.transaction.decode(keyOrRefnum);
    if (byKey !== undefined) return this.transactionAt(byKey);
    const byRef = this.indexOfRefnum(keyOrRefnum);
    return byRef === undefined ? undefined : this.transactionAt(byRef);
  }

  /** Newest first: new transactions (latest first), then generated rows from index 0. */
  listTransactions(offset: number, limit: number): Page<TxRecord> {
    const rows: TxRecord[] = [];
    const newCount = this.newTransactions.length;
    for (let position = offset; position < offset + limit && position < this.transactionTotal; position += 1) {
      const index = position < newCount ? this.shape.transactionCount + (newCount - 1 - position) : position - newCount;
      const tx = this.transactionAt(index);
      if (tx) rows.push(tx);
    }
    return { total: this.transactionTotal, rows };
  }

  addTransaction(fields: Omit<TxRecord, "index" | "key" | "refnum" | "batchIndex"> & { inBatch: boolean }, now: number): TxRecord {
    const index = this.transactionTotal;
    const { inBatch, ...rest } = fields;
    const tx: TxRecord = {
      ...rest,
      index,
      key: this.codecs.transaction.encode(index),
      refnum: this.refnumOf(index),
      batchIndex: inBatch ? this.openBatch(now).index : undefined,
    };
    this.newTransactions.push(tx);
    if (tx.origIndex !== undefined) this.refundsByOriginal.set(tx.origIndex, [...(this.refundsByOriginal.get(tx.origIndex) ?? []), index]);
    return tx;
  }

  /** The connected refunds of a transaction, newest first, voided ones included. */
  linkedRefunds(originalIndex: number): TxRecord[] {
    const indices = [...(this.refundsByOriginal.get(originalIndex) ?? [])].reverse();
    const generated = generatedRefundOf(this.shape, originalIndex);
    if (generated !== undefined) indices.push(generated);
    return indices.map((index) => this.transactionAt(index) as TxRecord);
  }

  refundedAmount(originalIndex: number): number {
    return refundedTotal(this.linkedRefunds(originalIndex));
  }

  updateTransaction(index: number, patch: Partial<TxRecord>, now: number): TxRecord {
    if (patch.batchIndex === -1) patch.batchIndex = this.openBatch(now).index;
    if (index < this.shape.transactionCount) {
      this.txPatches.set(index, { ...this.txPatches.get(index), ...patch });
    } else {
      const tx = this.newTransactions[index - this.shape.transactionCount];
      if (tx) Object.assign(tx, patch);
    }
    return this.transactionAt(index) as TxRecord;
  }

  // ---- batches ----

  get batchTotal(): number {
    return batchCount(this.shape) + this.newBatches.length;
  }

  batchAt(index: number): BatchRecord | undefined {
    const generated = batchCount(this.shape);
    if (index < 0) return undefined;
    if (index < generated) {
      const cached = this.generatedBatches[index];
      if (cached) return cached;
      const anchor = this.shape.anchorMs;
      const opened = anchor - (index + 1) * DAY_MS + 5 * 60_000;
      const batch: BatchRecord = {
        index,
        key: this.codecs.batch.encode(index),
        batchrefnum: this.batchRefBase + (generated - 1 - index),
        sequence: generated - index,
        opened,
        closed: index === 0 ? undefined : anchor - index * DAY_MS + 30 * 60_000,
        scheduled: opened + DAY_MS + 25 * 60_000,
      };
      this.generatedBatches[index] = batch;
      return batch;
    }
    return this.newBatches[index - generated];
  }

  findBatch(key: string): BatchRecord | undefined {
    const index = this.codecs.batch.decode(key);
    return index === undefined ? undefined : this.batchAt(index);
  }

  isBatchClosed(index: number | undefined): boolean {
    if (index === undefined) return false;
    return this.batchAt(index)?.closed !== undefined;
  }

  currentOpenBatch(): BatchRecord | undefined {
    return this.currentBatch === undefined ? undefined : this.batchAt(this.currentBatch);
  }

  /** The open batch, creating one when the last was closed (docs/usaepay-api.md, "Interpretations"). */
  openBatch(now: number): BatchRecord {
    const current = this.currentOpenBatch();
    if (current && current.closed === undefined) return current;
    const generated = batchCount(this.shape);
    const index = generated + this.newBatches.length;
    const batch: BatchRecord = {
      index,
      key: this.codecs.batch.encode(index),
      batchrefnum: this.batchRefBase + index,
      sequence: index + 1,
      opened: now,
      scheduled: now + 12 * 3_600_000,
    };
    this.newBatches.push(batch);
    this.currentBatch = index;
    return batch;
  }

  closeCurrentBatch(now: number): BatchRecord | undefined {
    const current = this.currentOpenBatch();
    if (!current || current.closed !== undefined) return undefined;
    current.closed = now;
    this.currentBatch = undefined;
    this.emit({ type: "settlement.batch.success", batchIndex: current.index, changes: { old: { status: "open" }, new: { status: "closed" } } });
    return this.batchAt(current.index);
  }

  /** Newest first: new batches (latest first), then generated days from 0. */
  listBatches(): BatchRecord[] {
    const out: BatchRecord[] = [];
    for (let i = this.newBatches.length - 1; i >= 0; i -= 1) out.push(this.newBatches[i] as BatchRecord);
    for (let d = 0; d < batchCount(this.shape); d += 1) out.push(this.batchAt(d) as BatchRecord);
    return out;
  }

  batchTransactions(batchIndex: number, offset: number, limit: number): Page<TxRecord> {
    const all = this.batchTransactionIndices(batchIndex);
    const rows = all.slice(offset, offset + limit).map((index) => this.transactionAt(index) as TxRecord);
    return { total: all.length, rows };
  }

  /** Newest first. Generated rows of a day bucket, filtered to those still in that batch. */
  private batchTransactionIndices(batchIndex: number): number[] {
    const out: number[] = [];
    const patched = new Set<number>();
    const newCount = this.newTransactions.length;
    for (let k = newCount - 1; k >= 0; k -= 1) {
      const tx = this.newTransactions[k] as TxRecord;
      if (tx.batchIndex === batchIndex) out.push(tx.index);
    }
    for (const [index, patch] of this.txPatches) {
      if (patch.batchIndex === batchIndex && index < this.shape.transactionCount) {
        out.push(index);
        patched.add(index);
      }
    }
    if (batchIndex < batchCount(this.shape)) {
      const [from, to] = indexRangeOfDay(this.shape, batchIndex);
      // A generated row moved into its own day's batch (an auth captured the same day) is already listed.
      for (let index = from; index < to; index += 1) {
        if (!patched.has(index) && this.transactionAt(index)?.batchIndex === batchIndex) out.push(index);
      }
    }
    return out;
  }

  batchTotals(batchIndex: number): BatchTotals {
    const cached = this.closedTotalsCache.get(batchIndex);
    if (cached) return cached;
    const totals: BatchTotals = { salesCount: 0, salesAmount: 0, refundsCount: 0, refundsAmount: 0, voidsCount: 0, voidsAmount: 0 };
    for (const index of this.batchTransactionIndices(batchIndex)) {
      const tx = this.transactionAt(index) as TxRecord;
      if (tx.resultCode !== "A" && tx.resultCode !== "P") continue;
      if (tx.voided) {
        totals.voidsCount += 1;
        totals.voidsAmount += tx.amount;
      } else if (tx.trantypeCode === "C" || tx.trantypeCode === "R" || tx.trantypeCode === "H") {
        totals.refundsCount += 1;
        totals.refundsAmount += tx.amount;
      } else {
        totals.salesCount += 1;
        totals.salesAmount += tx.amount;
      }
    }
    if (this.isBatchClosed(batchIndex)) this.closedTotalsCache.set(batchIndex, totals);
    return totals;
  }

  /**
   * Computes closed batches' totals ahead of the first GET /batches (which otherwise rebuilds every
   * generated row once, ~0.5 s per demo merchant). Works for about `budgetMs`, then returns whether
   * all are cached, so a server can spread the work over idle ticks.
   */
  warmBatchTotals(budgetMs: number): boolean {
    const started = performance.now();
    for (let index = 0; index < batchCount(this.shape); index += 1) {
      if (this.closedTotalsCache.has(index) || !this.isBatchClosed(index)) continue;
      this.batchTotals(index);
      if (performance.now() - started > budgetMs) return false;
    }
    return true;
  }

  // ---- customers ----

  get customerTotal(): number {
    return this.shape.customerCount + this.newCustomers.length - this.deletedCustomers.size;
  }

  customerAt(index: number): CustomerRecord | undefined {
    if (this.deletedCustomers.has(index) || index < 0) return undefined;
    const override = this.customerOverrides.get(index);
    if (override) return override;
    if (index < this.shape.customerCount) return this.customerOfGenerated(index);
    return this.newCustomers[index - this.shape.customerCount];
  }

  findCustomer(key: string): CustomerRecord | undefined {
    const index = this.codecs.customer.decode(key);
    return index === undefined ? undefined : this.customerAt(index);
  }

  /** Newest first; deleted rows are skipped without shifting work onto every page. */
  listCustomers(offset: number, limit: number): Page<CustomerRecord> {
    const rows: CustomerRecord[] = [];
    const liveNew: number[] = [];
    for (let k = this.newCustomers.length - 1; k >= 0; k -= 1) {
      const index = this.shape.customerCount + k;
      if (!this.deletedCustomers.has(index)) liveNew.push(index);
    }
    const deletedGenerated = [...this.deletedCustomers].filter((i) => i < this.shape.customerCount).sort((a, b) => a - b);
    const generatedAtRank = (rank: number) => {
      let index = rank;
      for (const deleted of deletedGenerated) if (deleted <= index) index += 1;
      return index;
    };
    for (let position = offset; position < offset + limit && position < this.customerTotal; position += 1) {
      const index = position < liveNew.length ? (liveNew[position] as number) : generatedAtRank(position - liveNew.length);
      const customer = this.customerAt(index);
      if (customer) rows.push(customer);
    }
    return { total: this.customerTotal, rows };
  }

  addCustomer(build: (index: number, key: string) => CustomerRecord): CustomerRecord {
    const index = this.shape.customerCount + this.newCustomers.length;
    const customer = build(index, this.codecs.customer.encode(index));
    this.newCustomers.push(customer);
    return customer;
  }

  saveCustomer(customer: CustomerRecord): void {
    if (customer.index >= this.shape.customerCount) this.newCustomers[customer.index - this.shape.customerCount] = customer;
    else this.customerOverrides.set(customer.index, customer);
  }

  deleteCustomer(index: number): void {
    this.deletedCustomers.add(index);
  }

  nextCustid(): string {
    return String(3_000_000 + this.shape.customerCount + this.newCustomers.length + 1);
  }

  nextPaymentMethodKey(): string {
    this.paymentMethodCounter += 1;
    return this.codecs.paymentMethod.encode(1_000_000_000 + this.paymentMethodCounter);
  }

  nextScheduleKey(): string {
    this.scheduleCounter += 1;
    return this.codecs.schedule.encode(1_000_000_000 + this.scheduleCounter);
  }

  customerTransactions(customerIndex: number, offset: number, limit: number): Page<TxRecord> {
    const indices: number[] = [];
    for (let k = this.newTransactions.length - 1; k >= 0; k -= 1) {
      const tx = this.newTransactions[k] as TxRecord;
      if (tx.custIndex === customerIndex) indices.push(tx.index);
    }
    const count = this.shape.customerCount;
    if (customerIndex < count) {
      for (let index = customerIndex; index < this.shape.transactionCount; index += count) {
        if (this.transactionAt(index)?.custIndex === customerIndex) indices.push(index);
      }
    }
    return { total: indices.length, rows: indices.slice(offset, offset + limit).map((i) => this.transactionAt(i) as TxRecord) };
  }
}
