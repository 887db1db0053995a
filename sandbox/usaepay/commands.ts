import { SeededRandom } from "../shared/prng";
import { BRAND_NAMES, brandOf, cardOutcome, maskCard, validateCard, type CardBrand } from "./cards";
import { formatToken } from "./keys";
import type { EventChanges, TransactionEventType } from "./events";
import { centsToAmount } from "./format";
import type { CardTender, CheckTender, CustomerRecord, ResultCode, Tender, TxRecord } from "./model";
import { asObject, type Body, cents, readAddress, readAmountDetail, str, truthy } from "./request-fields";
import { transactionResult, transactionStatus } from "./serialize";
import { isRefundable, type MerchantStore } from "./store";

/**
 * POST /transactions: every outcome is HTTP 200 with a transaction object
 * (docs/usaepay-api.md, "Error model"); each command's effect is in "Transaction commands".
 */
export interface TokenVault {
  issue(number: string, expiration: string, cardholder: string): string;
  resolve(token: string): { number: string; expiration: string; cardholder: string } | undefined;
}

export function createTokenVault(seed: number): TokenVault {
  const rng = new SeededRandom(seed);
  const tokens = new Map<string, { number: string; expiration: string; cardholder: string }>();
  return {
    issue(number, expiration, cardholder) {
      let token = formatToken(rng.string(16));
      while (tokens.has(token)) token = formatToken(rng.string(16));
      tokens.set(token, { number, expiration, cardholder });
      return token;
    },
    resolve: (token) => tokens.get(token),
  };
}

export type DuplicateMode = "none" | "fold" | "block";

export interface CommandContext {
  store: MerchantStore;
  tokens: TokenVault;
  body: Body;
  now: number;
  clientIp: string;
  sourceName: string;
  duplicateMode: DuplicateMode;
  duplicateWindowMs: number;
  /** Slow test cards wait here; resolves early when the client disconnects. */
  wait: (ms: number) => Promise<void>;
}

type Json = Record<string, unknown>;
const TOKEN_PATTERN = /^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/;
const MAX_AMOUNT = 9_999_900;

interface Failure {
  code: number;
  message: string;
  resultCode?: ResultCode;
}

function fail(code: number, message: string, resultCode: ResultCode = "E"): Failure {
  return { code, message, resultCode };
}

/** A stored transaction for a failure, so declines and errors carry a key and refnum like the real service. */
function recordFailure(ctx: CommandContext, failure: Failure, trantypeCode: string, amount: number, tender?: Tender): Json {
  const tx = ctx.store.addTransaction({
    created: ctx.now,
    trantypeCode,
    resultCode: failure.resultCode ?? "E",
    error: failure.message,
    errorCode: failure.code,
    authcode: failure.resultCode === "D" ? "000000" : "",
    amount,
    authAmount: 0,
    detail: {},
    tender,
    sourceName: ctx.sourceName,
    clientip: ctx.clientIp,
    invoice: str(ctx.body.invoice),
    inBatch: false,
  }, ctx.now);
  return transactionResult(ctx.store, tx, { isDuplicate: false, echoDetail: false });
}

/** A failed sale-like attempt (decline or error) is a transaction of its own, and a webhook event. */
function saleFailure(ctx: CommandContext, failure: Failure, trantypeCode: string, amount: number, tender?: Tender): Json {
  const result = recordFailure(ctx, failure, trantypeCode, amount, tender);
  if (trantypeCode === "S" || trantypeCode === "A" || trantypeCode === "K") emit(ctx, "transaction.sale.failure", ctx.store.transactionTotal - 1);
  return result;
}

function emit(ctx: CommandContext, type: TransactionEventType, txIndex: number, changes?: EventChanges): void {
  ctx.store.emit({ type, txIndex, changes });
}

/** Old and new status (and anything else named) of a transaction, for a webhook's `changes`. */
function statusChange(ctx: CommandContext, before: TxRecord, after: TxRecord, extra: (tx: TxRecord) => Record<string, unknown> = () => ({})): EventChanges {
  const side = (tx: TxRecord) => ({ status_code: transactionStatus(ctx.store, tx).code, status: transactionStatus(ctx.store, tx).text, ...extra(tx) });
  return { old: side(before), new: side(after) };
}

function isRefund(tx: TxRecord): boolean {
  return tx.trantypeCode === "C" || tx.trantypeCode === "Z" || tx.trantypeCode === "R" || tx.trantypeCode === "H" || tx.origIndex !== undefined;
}

function authcode(ctx: CommandContext, prefix = ""): string {
  const rng = new SeededRandom(ctx.store.transactionTotal * 7919 + ctx.store.shape.seed);
  return prefix ? `${prefix}${rng.string(4, "0123456789ABCDEF")}` : String(rng.int(100000, 999999));
}

interface ResolvedCard {
  number: string;
  expiration: string;
  cardholder: string;
  fromToken: boolean;
}

function readCard(ctx: CommandContext, creditcard: Body): ResolvedCard | Failure {
  const raw = (str(creditcard.number) ?? "").replace(/[\s-]/g, "");
  const given = str(creditcard.number)?.trim() ?? "";
  if (TOKEN_PATTERN.test(given)) {
    const stored = ctx.tokens.resolve(given);
    if (!stored) return fail(601, "Invalid card reference token");
    return { ...stored, cardholder: str(creditcard.cardholder) ?? stored.cardholder, fromToken: true };
  }
  const expiration = (str(creditcard.expiration) ?? "").trim();
  const invalid = validateCard(raw, expiration, new Date(ctx.now), false);
  if (invalid) return fail(invalid.code, invalid.message);
  if (!brandOf(raw)) return fail(14, "Invalid Credit Card Number (1)");
  return { number: raw, expiration, cardholder: str(creditcard.cardholder) ?? "", fromToken: false };
}

function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

function cardTender(card: ResolvedCard, creditcard: Body, categoryCode: string): CardTender {
  return {
    kind: "card",
    brand: brandOf(card.number) as CardBrand,
    masked: maskCard(card.number),
    cardholder: card.cardholder,
    categoryCode,
    expiration: card.expiration,
    entryMode: "Card Not Present, Manually Keyed",
    avsStreet: str(creditcard.avs_street),
    avsPostalcode: str(creditcard.avs_postalcode ?? creditcard.avs_zip),
    number: card.number,
  };
}

function readCheck(check: Body): CheckTender | Failure {
  const routing = (str(check.routing) ?? "").trim();
  const account = (str(check.account) ?? "").trim();
  if (!/^\d{9}$/.test(routing) || routing === "987654321") return fail(38, "Invalid Routing Number.");
  if (!/^\d{4,}$/.test(account)) return fail(39, "Invalid Checking Account Number.");
  return {
    kind: "check",
    accountholder: str(check.accountholder) ?? "",
    accountMasked: `xxxxx${account.slice(-4)}`,
    routingMasked: `xxxxx${routing.slice(-4)}`,
    accountType: str(check.account_type)?.toLowerCase() === "savings" ? "Savings" : "Checking",
    checknum: str(check.number),
    format: str(check.format),
  };
}

/** The transaction a command names, as it is now: a copy, so "before" survives the update (events compare both). */
function referenced(ctx: CommandContext): TxRecord | undefined {
  const tx = ctx.store.findTransaction(str(ctx.body.trankey) ?? str(ctx.body.refnum));
  return tx && { ...tx };
}

function commonFields(ctx: CommandContext) {
  const b = ctx.body;
  const customFields = asObject(b.custom_fields);
  return {
    invoice: str(b.invoice)?.slice(0, 25),
    ponum: str(b.ponum),
    orderid: str(b.orderid),
    description: str(b.description),
    comments: str(b.comments),
    email: str(b.email),
    billing: readAddress(b.billing_address),
    shipping: readAddress(b.shipping_address),
    lineitems: Array.isArray(b.lineitems) ? b.lineitems : undefined,
    customFields: customFields ? Object.fromEntries(Object.entries(customFields).map(([k, v]) => [k, String(v)])) : undefined,
    clientip: str(b.clientip) ?? ctx.clientIp,
    sourceName: ctx.sourceName,
  };
}

function receipts(ctx: CommandContext): Json | undefined {
  const out: Json = {};
  if (truthy(ctx.body.send_receipt) && str(ctx.body.email)) out.customer = "Mail Sent Successfully";
  if (str(ctx.body.merchemailaddr)) out.merchant = "Mail Sent Successfully";
  return Object.keys(out).length ? out : undefined;
}

/** Sale-like commands on a card: sale, authonly, postauth, credit. */
async function cardCommand(ctx: CommandContext, kind: "sale" | "authonly" | "postauth" | "credit", cardOverride?: ResolvedCard, customer?: CustomerRecord): Promise<Json> {
  const b = ctx.body;
  const trantypeCode = kind === "credit" ? "C" : kind === "authonly" ? "A" : "S";
  const amount = cents(b.amount);
  if (amount === undefined) return saleFailure(ctx, fail(19, "Amount not specified"), trantypeCode, 0);
  if (amount > MAX_AMOUNT) return saleFailure(ctx, fail(70, "Transaction exceeds maximum amount."), trantypeCode, amount);
  const detail = readAmountDetail(b.amount_detail);
  if (detail.subtotal !== undefined) {
    const expected = detail.subtotal - (detail.discount ?? 0) + (detail.shipping ?? 0) + (detail.duty ?? 0) + (detail.tax ?? 0) + (detail.tip ?? 0);
    if (expected !== amount) return saleFailure(ctx, fail(71, "Transaction out of balance."), trantypeCode, amount);
  }
  const creditcard = asObject(b.creditcard) ?? {};
  let card: ResolvedCard | Failure;
  if (cardOverride) card = cardOverride;
  else if (b.payment_key !== undefined && !b.creditcard) card = fail(601, "Invalid card reference token");
  else card = readCard(ctx, creditcard);
  if (isFailure(card)) return saleFailure(ctx, card, trantypeCode, amount);
  if (kind === "postauth" && !str(b.authcode)) return saleFailure(ctx, fail(108, "Valid AuthCode required for PostAuth"), trantypeCode, amount);

  const outcome = cardOutcome(card.number, Boolean(str(creditcard.cvc)));
  const tender = cardTender(card, creditcard, outcome.categoryCode);
  const fingerprint = `${kind}|${amount}|${card.number}|${str(b.invoice) ?? ""}`;
  if (ctx.duplicateMode !== "none" && !truthy(b.ignore_duplicate)) {
    const seen = ctx.store.recentFingerprints.get(fingerprint);
    if (seen && ctx.now - seen.at <= ctx.duplicateWindowMs) {
      if (ctx.duplicateMode === "block") {
        return saleFailure(ctx, fail(31, `Duplicate transaction, wait at least ${Math.ceil(ctx.duplicateWindowMs / 60_000)} minutes before trying again.`), trantypeCode, amount, tender);
      }
      const original = ctx.store.transactionAt(seen.index) as TxRecord;
      return transactionResult(ctx.store, original, { isDuplicate: true, echoDetail: b.amount_detail !== undefined });
    }
  }
  if (outcome.delayMs) await ctx.wait(outcome.delayMs);
  if (outcome.error) return saleFailure(ctx, fail(outcome.error.code, outcome.error.message), trantypeCode, amount, tender);
  if (outcome.decline && kind !== "credit") {
    const declined = ctx.store.addTransaction({
      created: ctx.now, trantypeCode, resultCode: "D", error: outcome.decline.message, errorCode: outcome.decline.code,
      authcode: "000000", amount, authAmount: 0, detail, tender, avs: outcome.avs, cvc: outcome.cvc, inBatch: false,
      ...commonFields(ctx), custIndex: customer?.index,
    }, ctx.now);
    emit(ctx, "transaction.sale.failure", declined.index);
    return transactionResult(ctx.store, declined, { isDuplicate: false, echoDetail: b.amount_detail !== undefined });
  }
  const partial = outcome.partialPercent && truthy(asObject(b.amount_detail)?.enable_partialauth);
  const authAmount = partial ? Math.round((amount * (outcome.partialPercent as number)) / 100) : amount;

  let savedcard: Json | undefined;
  if (truthy(b.save_card) || truthy(b.save_customer_paymethod)) {
    const token = ctx.tokens.issue(card.number, card.expiration, card.cardholder);
    savedcard = { type: BRAND_NAMES[tender.brand], key: token, cardnumber: tender.masked, expiration: card.expiration };
  }
  let customerLink = customer;
  let customerJson: Json | undefined;
  if (!customerLink && truthy(b.save_customer)) {
    customerLink = createCustomerFromTransaction(ctx, tender, card);
    customerJson = { custkey: customerLink.key, custid: customerLink.custid };
  }
  if (!customerLink && str(b.custkey)) customerLink = ctx.store.findCustomer(str(b.custkey) as string);

  const tx = ctx.store.addTransaction({
    created: ctx.now,
    trantypeCode,
    resultCode: partial ? "P" : "A",
    authcode: kind === "postauth" ? (str(b.authcode) as string) : authcode(ctx),
    amount: partial ? authAmount : amount,
    authAmount,
    detail,
    tender,
    avs: kind === "credit" ? "   " : outcome.avs,
    cvc: kind === "credit" ? undefined : outcome.cvc,
    queued: kind === "authonly",
    inBatch: kind !== "authonly",
    ...commonFields(ctx),
    custIndex: customerLink?.index,
  }, ctx.now);
  if (ctx.duplicateMode !== "none") ctx.store.recentFingerprints.set(fingerprint, { index: tx.index, at: ctx.now });
  emit(ctx, kind === "credit" ? "transaction.refund.success" : "transaction.sale.success", tx.index);
  return transactionResult(ctx.store, tx, { isDuplicate: false, savedcard, customer: customerJson, receipts: receipts(ctx), echoDetail: b.amount_detail !== undefined });
}

function createCustomerFromTransaction(ctx: CommandContext, tender: CardTender, card: ResolvedCard): CustomerRecord {
  const billing = readAddress(ctx.body.billing_address) ?? {};
  const [first = "", ...rest] = card.cardholder.split(" ");
  return ctx.store.addCustomer((index, key) => ({
    index, key, custid: ctx.store.nextCustid(), customerid: str(ctx.body.customerid) ?? "",
    company: billing.company ?? "", first_name: billing.first_name ?? first, last_name: billing.last_name ?? rest.join(" "),
    street: billing.street ?? "", street2: billing.street2 ?? "", city: billing.city ?? "", state: billing.state ?? "",
    postalcode: billing.postalcode ?? "", country: billing.country ?? "", phone: billing.phone ?? "", fax: billing.fax ?? "",
    email: str(ctx.body.email) ?? "", url: "", notes: "", description: "", enabled: true, customFields: {},
    paymentMethods: [{
      key: ctx.store.nextPaymentMethodKey(), payType: "cc", methodName: `${BRAND_NAMES[tender.brand]} ${card.number.slice(-4)}`,
      cardholder: card.cardholder, expires: card.expiration, brand: tender.brand, masked: tender.masked,
      avsStreet: tender.avsStreet, avsPostalcode: tender.avsPostalcode, sortord: 0, added: ctx.now, updated: ctx.now, secretNumber: card.number,
    }],
    billingSchedules: [], created: ctx.now,
  }));
}

async function checkCommand(ctx: CommandContext, kind: "sale" | "credit", override?: CheckTender, customer?: CustomerRecord): Promise<Json> {
  const b = ctx.body;
  const trantypeCode = kind === "sale" ? "K" : "R";
  const amount = cents(b.amount);
  if (amount === undefined) return saleFailure(ctx, fail(19, "Amount not specified"), trantypeCode, 0);
  if (amount > MAX_AMOUNT) return saleFailure(ctx, fail(70, "Transaction exceeds maximum amount."), trantypeCode, amount);
  const tender = override ?? readCheck(asObject(b.check) ?? {});
  if (isFailure(tender)) return saleFailure(ctx, tender, trantypeCode, amount);
  // The ACH test data's decline is the check processor's, so it carries a check-processor code, not a card one.
  if (kind === "sale" && amount === 599) {
    return saleFailure(ctx, fail(515, "Returned check for this account", "D"), trantypeCode, amount, tender);
  }
  const tx = ctx.store.addTransaction({
    created: ctx.now, trantypeCode, resultCode: "A", authcode: authcode(ctx, "TM"), amount, authAmount: amount,
    detail: readAmountDetail(b.amount_detail), tender, inBatch: true, ...commonFields(ctx), custIndex: customer?.index,
  }, ctx.now);
  ctx.store.updateTransaction(tx.index, { procRefnum: String(2_000_000 + tx.index) }, ctx.now);
  emit(ctx, kind === "sale" ? "transaction.sale.success" : "transaction.refund.success", tx.index);
  return transactionResult(ctx.store, ctx.store.transactionAt(tx.index) as TxRecord, { isDuplicate: false, echoDetail: false });
}

function voidCommand(ctx: CommandContext, release: boolean): Json {
  const tx = referenced(ctx);
  if (!tx) return recordFailure(ctx, fail(35, "Unable to locate transaction"), "V", 0);
  if (tx.resultCode !== "A" && tx.resultCode !== "P") return recordFailure(ctx, fail(83, "Transaction not approved"), "V", tx.amount);
  if (tx.voided) return recordFailure(ctx, fail(24, "Transaction already voided."), "V", tx.amount);
  if (ctx.store.isBatchClosed(tx.batchIndex)) return recordFailure(ctx, fail(26, "The batch has already been closed. Please apply a credit instead."), "V", tx.amount);
  if (release && tx.tender?.kind !== "card") return recordFailure(ctx, fail(118, "Funds can not be released for this transaction"), "V", tx.amount);
  const voidedCode = tx.tender?.kind === "check" ? tx.trantypeCode : tx.trantypeCode === "C" ? "Z" : "V";
  const updated = ctx.store.updateTransaction(tx.index, { voided: true, released: release || undefined, trantypeCode: voidedCode }, ctx.now);
  emit(ctx, isRefund(tx) ? "transaction.refund.voided" : "transaction.sale.voided", tx.index, statusChange(ctx, tx, updated));
  return { ...transactionResult(ctx.store, updated, { isDuplicate: false, echoDetail: false }), result_code: "A", result: "Approved" };
}

function unvoidCommand(ctx: CommandContext): Json {
  const tx = referenced(ctx);
  if (!tx) return recordFailure(ctx, fail(20001, "Specified transactions was not found."), "S", 0);
  if (!tx.voided) return recordFailure(ctx, fail(102, "Transaction is not currently voided."), "S", tx.amount);
  if (tx.released) return recordFailure(ctx, fail(118, "Funds can not be released for this transaction"), "S", tx.amount);
  if (ctx.store.isBatchClosed(tx.batchIndex)) return recordFailure(ctx, fail(103, "Transaction has already been settled."), "S", tx.amount);
  // A refund that comes back to life must still fit in what its original has left.
  const original = tx.origIndex === undefined ? undefined : ctx.store.transactionAt(tx.origIndex);
  if (original && ctx.store.refundedAmount(original.index) + tx.amount > original.amount) {
    return recordFailure(ctx, fail(10133, "Amount exceeds original transaction amount."), "S", tx.amount);
  }
  const restored = tx.trantypeCode === "Z" ? "C" : tx.trantypeCode === "V" ? "S" : tx.trantypeCode;
  const updated = ctx.store.updateTransaction(tx.index, { voided: false, trantypeCode: restored }, ctx.now);
  // The documented events have no "refund unvoided"; a refund's return shows at the next sync.
  if (!isRefund(updated)) emit(ctx, "transaction.sale.unvoided", tx.index, statusChange(ctx, tx, updated));
  return transactionResult(ctx.store, updated, { isDuplicate: false, echoDetail: false });
}

/** Moves an auth-only into the open batch, for its full amount or less (never more). */
function captureCommand(ctx: CommandContext): Json {
  const tx = referenced(ctx);
  if (!tx) return recordFailure(ctx, fail(10105, "Unable to find original transaction."), "L", 0);
  if (tx.resultCode !== "A" && tx.resultCode !== "P") return recordFailure(ctx, fail(10125, "Original transaction not approved."), "L", tx.amount);
  if (tx.trantypeCode !== "A" || !tx.queued) {
    if (ctx.store.isBatchClosed(tx.batchIndex)) return recordFailure(ctx, fail(10126, "Transactions has already been settled."), "L", tx.amount);
    return recordFailure(ctx, fail(10124, "Unsupported transaction type."), "L", tx.amount);
  }
  const amount = cents(ctx.body.amount) ?? tx.authAmount;
  if (amount > tx.authAmount || amount <= 0) return recordFailure(ctx, fail(10133, "Amount exceeds original transaction amount."), "L", amount);
  const updated = ctx.store.updateTransaction(tx.index, {
    queued: false, trantypeCode: "S", amount, batchIndex: -1,
    invoice: str(ctx.body.invoice) ?? tx.invoice, ponum: str(ctx.body.ponum) ?? tx.ponum, orderid: str(ctx.body.orderid) ?? tx.orderid,
    description: str(ctx.body.description) ?? tx.description,
  }, ctx.now);
  emit(ctx, "transaction.sale.captured", tx.index, statusChange(ctx, tx, updated, (t) => ({ amount: centsToAmount(t.amount) })));
  return transactionResult(ctx.store, updated, { isDuplicate: false, echoDetail: false });
}

/** refund / quickrefund / creditvoid after settlement: a new credit tied to the original sale. */
function refundOf(ctx: CommandContext, original: TxRecord, amountField: unknown, requireAmount: boolean): Json {
  if (!isRefundable(original) || original.voided) {
    return recordFailure(ctx, fail(10134, "Original transaction not an approved sale"), "C", 0);
  }
  const remaining = original.amount - ctx.store.refundedAmount(original.index);
  const requested = cents(amountField);
  if (requireAmount && requested === undefined) return recordFailure(ctx, fail(19, "Amount not specified"), "C", 0);
  const amount = requested ?? remaining;
  if (amount > remaining || amount <= 0) return recordFailure(ctx, fail(10133, "Amount exceeds original transaction amount."), "C", amount);
  const isCheck = original.tender?.kind === "check";
  const refund = ctx.store.addTransaction({
    created: ctx.now, trantypeCode: isCheck ? "R" : "C", resultCode: "A", authcode: isCheck ? authcode(ctx, "TM") : authcode(ctx),
    amount, authAmount: amount, detail: {}, tender: original.tender, avs: isCheck ? undefined : "   ", inBatch: true,
    ...commonFields(ctx), invoice: str(ctx.body.invoice) ?? original.invoice, custIndex: original.custIndex, origIndex: original.index,
    billing: original.billing, email: original.email,
  }, ctx.now);
  emit(ctx, "transaction.refund.success", refund.index);
  return transactionResult(ctx.store, refund, { isDuplicate: false, echoDetail: false });
}

/**
 * cc:adjust sets an unsettled card sale's (or auth's) amount; refund:adjust lowers it by `amount`
 * and, once settled, issues a credit instead. Neither may go below what was already refunded.
 */
function adjustCommand(ctx: CommandContext, refundAdjust: boolean): Json {
  const tx = referenced(ctx);
  if (!tx) return recordFailure(ctx, fail(10105, "Unable to find original transaction."), "S", 0);
  const amount = cents(ctx.body.amount);
  if (amount === undefined) return recordFailure(ctx, fail(19, "Amount not specified"), "S", 0);
  if (ctx.store.isBatchClosed(tx.batchIndex)) {
    if (refundAdjust) return refundOf(ctx, tx, ctx.body.amount, true);
    return recordFailure(ctx, fail(103, "Transaction has already been settled."), "S", amount);
  }
  if (tx.voided || (tx.resultCode !== "A" && tx.resultCode !== "P")) return recordFailure(ctx, fail(83, "Transaction not approved"), "S", amount);
  if (tx.tender?.kind !== "card" || (tx.trantypeCode !== "S" && tx.trantypeCode !== "A")) return recordFailure(ctx, fail(10124, "Unsupported transaction type."), "S", amount);
  const newAmount = refundAdjust ? tx.amount - amount : amount;
  if (newAmount <= 0 || newAmount < ctx.store.refundedAmount(tx.index)) return recordFailure(ctx, fail(10133, "Amount exceeds original transaction amount."), "S", amount);
  const detail = readAmountDetail(ctx.body.amount_detail);
  const updated = ctx.store.updateTransaction(tx.index, {
    amount: newAmount, authAmount: newAmount, ponum: str(ctx.body.ponum) ?? tx.ponum, invoice: str(ctx.body.invoice) ?? tx.invoice,
    detail: detail.tax === undefined ? tx.detail : { ...tx.detail, tax: detail.tax },
  }, ctx.now);
  emit(ctx, "transaction.sale.adjusted", tx.index, { old: { amount: centsToAmount(tx.amount) }, new: { amount: centsToAmount(updated.amount) } });
  return transactionResult(ctx.store, updated, { isDuplicate: false, echoDetail: false });
}

async function customerCommand(ctx: CommandContext, refund: boolean): Promise<Json> {
  const customer = ctx.store.findCustomer(str(ctx.body.custkey) ?? "");
  if (!customer) return saleFailure(ctx, fail(40030, "Customer Not Found"), refund ? "C" : "S", cents(ctx.body.amount) ?? 0);
  const methodKey = str(ctx.body.paymethod_key);
  const method = methodKey ? customer.paymentMethods.find((m) => m.key === methodKey) : customer.paymentMethods[0];
  if (!method?.secretNumber) return saleFailure(ctx, fail(40457, "No payment methods available"), refund ? "C" : "S", cents(ctx.body.amount) ?? 0);
  if (method.payType === "check") {
    const tender: CheckTender = { kind: "check", accountholder: method.cardholder, accountMasked: method.masked, routingMasked: method.routingMasked ?? "", accountType: "Checking" };
    return checkCommand(ctx, refund ? "credit" : "sale", tender, customer);
  }
  const card: ResolvedCard = { number: method.secretNumber, expiration: method.expires, cardholder: method.cardholder, fromToken: true };
  return cardCommand(ctx, refund ? "credit" : "sale", card, customer);
}

async function quicksale(ctx: CommandContext): Promise<Json> {
  const original = referenced(ctx);
  if (!original) return saleFailure(ctx, fail(20001, "Specified transactions was not found."), "S", 0);
  if (original.resultCode !== "A" && original.resultCode !== "P") return saleFailure(ctx, fail(10136, "Original transaction not approved."), "S", 0);
  const tender = original.tender;
  if (tender?.kind === "check") return checkCommand(ctx, "sale", tender);
  const number = tender?.number ?? ctx.store.customerAt(original.custIndex ?? -1)?.paymentMethods.find((m) => m.masked === tender?.masked)?.secretNumber;
  if (!tender || !number) return saleFailure(ctx, fail(10136, "Original transaction not approved."), "S", 0);
  const card: ResolvedCard = { number, expiration: tender.expiration, cardholder: tender.cardholder, fromToken: true };
  const customer = original.custIndex === undefined ? undefined : ctx.store.customerAt(original.custIndex);
  const result = await cardCommand({ ...ctx, body: { ...ctx.body, creditcard: undefined } }, "sale", card, customer);
  if (result.cvc) result.cvc = { result_code: "P", result: "Not Processed" };
  return result;
}

function saveCard(ctx: CommandContext): Json {
  const creditcard = asObject(ctx.body.creditcard) ?? {};
  const card = readCard(ctx, creditcard);
  if (isFailure(card)) {
    return { type: "transaction", key: "", refnum: "", is_duplicate: "N", result_code: "E", result: "Error", authcode: "", error: card.message, error_code: card.code };
  }
  const brand = brandOf(card.number) as CardBrand;
  const token = ctx.tokens.issue(card.number, card.expiration, card.cardholder);
  return {
    type: "transaction", key: "", refnum: "", is_duplicate: "N", result_code: "A", result: "Approved", authcode: "",
    creditcard: { type: brand, number: maskCard(card.number), cardholder: card.cardholder, category_code: cardOutcome(card.number, false).categoryCode, entry_mode: "Card Not Present, Manually Keyed" },
    savedcard: { type: BRAND_NAMES[brand], key: token, cardnumber: maskCard(card.number), expiration: card.expiration },
    trantype: "Credit Card Sale",
  };
}

export async function runCommand(ctx: CommandContext): Promise<Json> {
  const command = (str(ctx.body.command) ?? "").trim().toLowerCase();
  switch (command) {
    case "sale":
    case "cc:sale":
      return cardCommand(ctx, "sale");
    case "authonly":
    case "cc:authonly":
      return cardCommand(ctx, "authonly");
    case "cc:postauth":
      return cardCommand(ctx, "postauth");
    case "cc:credit":
    case "credit": {
      const original = referenced(ctx);
      if (original && !ctx.body.creditcard) return refundOf(ctx, original, ctx.body.amount, false);
      return cardCommand(ctx, "credit");
    }
    case "check:sale":
      return checkCommand(ctx, "sale");
    case "check:credit":
      return checkCommand(ctx, "credit");
    case "refund":
    case "quickrefund":
    case "cc:refund": {
      const original = referenced(ctx);
      if (!original) return recordFailure(ctx, fail(20001, "Specified transactions was not found."), "C", 0);
      return refundOf(ctx, original, ctx.body.amount, command === "quickrefund");
    }
    case "creditvoid": {
      const original = referenced(ctx);
      if (!original) return recordFailure(ctx, fail(20001, "Specified transactions was not found."), "C", 0);
      const requested = cents(ctx.body.amount);
      const full = requested === undefined || requested === original.amount;
      if (!ctx.store.isBatchClosed(original.batchIndex) && full && !original.voided) return voidCommand(ctx, false);
      return refundOf(ctx, original, ctx.body.amount, false);
    }
    case "void":
    case "cc:void":
      return voidCommand(ctx, false);
    case "cc:void:release":
    case "void:release":
      return voidCommand(ctx, true);
    case "unvoid":
      return unvoidCommand(ctx);
    case "cc:capture":
    case "cc:capture:error":
    case "cc:capture:reauth":
    case "cc:capture:override":
    case "capture":
      return captureCommand(ctx);
    case "cc:adjust":
      return adjustCommand(ctx, false);
    case "cc:refund:adjust":
    case "refund:adjust":
      return adjustCommand(ctx, true);
    case "quicksale":
      return quicksale(ctx);
    case "cc:save":
      return saveCard(ctx);
    case "customer:sale":
      return customerCommand(ctx, false);
    case "customer:refund":
      return customerCommand(ctx, true);
    case "cash:sale":
    case "cash:refund":
      return recordFailure(ctx, fail(80, "Transaction type not allowed from this source."), "G", cents(ctx.body.amount) ?? 0);
    default:
      return recordFailure(ctx, fail(20019, "Unknown command"), "S", cents(ctx.body.amount) ?? 0);
  }
}
