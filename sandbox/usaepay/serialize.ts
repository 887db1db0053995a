import { avsResult, BRAND_NAMES, cvcResult } from "./cards";
import { centsToAmount, formatGatewayDate, formatGatewayDateTime } from "./format";
import type { Address, BatchRecord, BillingScheduleRecord, CustomerRecord, PaymentMethodRecord, TxRecord } from "./model";
import { type BatchTotals, isRefundable, type MerchantStore, refundedTotal } from "./store";

/**
 * Wire shapes (docs/usaepay-api.md: "Transaction objects", "Batches", "Customers and payment
 * methods"). Empty fields are omitted like the live service does.
 */
type Json = Record<string, unknown>;

const TRANTYPE: Record<string, string> = {
  S: "Credit Card Sale",
  A: "Auth Only",
  C: "Credit Card Refund (Credit)",
  V: "Voided Credit Card Sale",
  Z: "Voided Credit Card Refund (Credit)",
  L: "Capture",
  K: "Check Sale",
  R: "Check Refund",
  H: "Reverse ACH",
};

export function trantypeName(code: string): string {
  return TRANTYPE[code] ?? "Credit Card Sale";
}

const RESULT: Record<string, string> = { A: "Approved", P: "Partial Approval", D: "Declined", E: "Error" };

/** Copies without empty fields (copying beats `delete`, which drops objects into slow mode). */
function compact(object: Json): Json {
  const out: Json = {};
  for (const name in object) {
    const value = object[name];
    if (value !== undefined && value !== "" && value !== null) out[name] = value;
  }
  return out;
}

export function transactionStatus(store: MerchantStore, tx: TxRecord): { code: string; text: string } {
  if (tx.resultCode === "D") return { code: "D", text: "Declined" };
  if (tx.resultCode === "E") return { code: "E", text: "Error" };
  if (tx.released) return { code: "R", text: "Voided (Funds Released)" };
  if (tx.voided) return { code: "V", text: "Voided" };
  if (tx.queued) return { code: "N", text: "Queued" };
  if (store.isBatchClosed(tx.batchIndex)) return { code: "S", text: "Settled" };
  if (tx.tender?.kind === "check") return { code: "P", text: "Pending" };
  if (tx.trantypeCode === "S" || tx.trantypeCode === "L") return { code: "P", text: "Authorized (Pending Settlement)" };
  return { code: "P", text: "Pending Settlement" };
}

function amountDetail(tx: TxRecord): Json {
  const d = tx.detail;
  return compact({
    subtotal: d.subtotal === undefined ? undefined : centsToAmount(d.subtotal),
    tax: centsToAmount(d.tax ?? 0),
    tip: centsToAmount(d.tip ?? 0),
    discount: centsToAmount(d.discount ?? 0),
    shipping: centsToAmount(d.shipping ?? 0),
    duty: d.duty === undefined ? undefined : centsToAmount(d.duty),
  });
}

function address(value: Address | undefined): Json | undefined {
  if (!value) return undefined;
  return { company: "", first_name: "", last_name: "", street: "", street2: "", city: "", state: "", postalcode: "", country: "", phone: "", fax: "", ...value };
}

function batchRef(store: MerchantStore, tx: TxRecord, refnumAsNumber: boolean): Json | undefined {
  if (tx.batchIndex === undefined) return undefined;
  const batch = store.batchAt(tx.batchIndex);
  if (!batch) return undefined;
  return { type: "batch", key: batch.key, batchrefnum: refnumAsNumber ? batch.batchrefnum : String(batch.batchrefnum), sequence: String(batch.sequence) };
}

function availableActions(store: MerchantStore, tx: TxRecord, refunds: TxRecord[]): string[] {
  if (tx.resultCode !== "A" && tx.resultCode !== "P") return [];
  const settled = store.isBatchClosed(tx.batchIndex);
  const actions: string[] = [];
  if (tx.voided) {
    if (!settled && !tx.released) actions.push("unvoid");
    return actions;
  }
  if (tx.queued) return ["capture", "void", "void:release"];
  if (!settled && tx.tender?.kind === "card") actions.push("void", "void:release");
  if (!settled && tx.tender?.kind === "check") actions.push("void");
  actions.push("quicksale");
  // Fully refunded sales keep their status (as on the real gateway) but can no longer be refunded.
  if (isRefundable(tx) && tx.amount - refundedTotal(refunds) > 0) actions.push("quickrefund");
  return actions;
}

/** Sets a field only when it has a value: list items omit empty fields like the live service. */
function put(out: Json, name: string, value: unknown): void {
  if (value !== undefined && value !== null && value !== "") out[name] = value;
}

/** GET /transactions/{key} and list items. Built field by field: this runs 1000 times per page. */
export function transactionDetail(store: MerchantStore, tx: TxRecord, flags: { bin?: boolean; origin?: boolean; fraud?: boolean } = {}): Json {
  const status = transactionStatus(store, tx);
  const customer = tx.custIndex === undefined ? undefined : store.customerAt(tx.custIndex);
  const tender = tx.tender;
  const out: Json = {
    type: "transaction",
    key: tx.key,
    refnum: tx.refnum,
    created: formatGatewayDateTime(tx.created),
    trantype_code: tx.trantypeCode,
    trantype: trantypeName(tx.trantypeCode),
    result_code: tx.resultCode,
    result: RESULT[tx.resultCode],
  };
  put(out, "error", tx.error);
  put(out, "error_code", tx.errorCode);
  put(out, "authcode", tx.authcode);
  out.status_code = status.code;
  out.status = status.text;
  put(out, "proc_refnum", tx.procRefnum);
  if (tender?.kind === "card") {
    const card: Json = { type: tender.brand, number: tender.masked };
    put(card, "cardholder", tender.cardholder);
    put(card, "category_code", tender.categoryCode);
    put(card, "entry_mode", tender.entryMode);
    put(card, "avs_street", tender.avsStreet);
    put(card, "avs_postalcode", tender.avsPostalcode);
    out.creditcard = card;
  } else if (tender?.kind === "check") {
    const settledDay = store.isBatchClosed(tx.batchIndex) ? formatGatewayDate(store.batchAt(tx.batchIndex as number)?.closed ?? tx.created) : null;
    out.check = {
      accountholder: tender.accountholder,
      checknum: tender.checknum ?? "",
      trackingnum: tx.procRefnum ?? "",
      effective: formatGatewayDate(tx.created),
      processed: settledDay,
      settled: settledDay,
      returned: null,
      banknote: null,
      account_number: tender.accountMasked,
      routing_number: tender.routingMasked,
      account_type: tender.accountType,
      format: tender.format ?? "PPD",
    };
  }
  // Stored refunds carry a blank AVS; list and detail omit it (docs/usaepay-api.md, "Transaction objects"), the POST answer shows it.
  if (tx.avs?.trim()) out.avs = avsResult(tx.avs);
  if (tx.cvc) out.cvc = cvcResult(tx.cvc);
  put(out, "batch", batchRef(store, tx, false));
  out.amount = centsToAmount(tx.amount);
  out.amount_detail = amountDetail(tx);
  out.auth_amount = centsToAmount(tx.authAmount);
  put(out, "ponum", tx.ponum);
  put(out, "invoice", tx.invoice);
  put(out, "orderid", tx.orderid);
  put(out, "description", tx.description);
  put(out, "comments", tx.comments);
  if (customer) {
    out.cust_key = customer.key;
    out.custid = customer.custid;
    put(out, "customerid", customer.customerid);
  }
  put(out, "customer_email", tx.email);
  put(out, "clientip", tx.clientip);
  put(out, "source_name", tx.sourceName);
  put(out, "billing_address", address(tx.billing));
  put(out, "shipping_address", address(tx.shipping));
  put(out, "lineitems", tx.lineitems);
  put(out, "custom_fields", tx.customFields);
  out.platform = PLATFORM;
  const refunds = isRefundable(tx) ? store.linkedRefunds(tx.index) : [];
  out.available_actions = availableActions(store, tx, refunds);
  linkRefunds(store, tx, refunds, out);
  if (flags.bin && tender?.kind === "card") {
    out.bin = { bin: tender.masked.slice(0, 6).replace(/x/g, "0"), number: tender.masked, type: "CREDIT", issuer: "Test Bank", bank: "Test Bank", country: "US", country_name: "United States", country_iso: "840", location: "", phone: "", category: "", data_source: "emulator" };
  }
  if (flags.fraud) out.fraud = { card_blocked: "none" };
  if (flags.origin) out.origin = { source_name: tx.sourceName, source_key: "", api_type: "Rest API", clientip: tx.clientip ?? "127.0.0.1", clientip_country: "US", serverip: "127.0.0.1", serverip_country: "US", software: "", user: "" };
  return out;
}

const PLATFORM = { name: "Test Bed" };

/** A short reference to another transaction, shaped like the `batch` reference (`type` + ids). */
function transactionRef(tx: TxRecord): Json {
  return { type: "transaction", key: tx.key, refnum: tx.refnum };
}

/**
 * The public docs name no link between a sale and its refunds; the emulator adds one
 * (docs/usaepay-api.md, "Interpretations"): `refunds` on the original (every connected refund,
 * voided ones included) and `refund_of` on each refund. Real responses lack both.
 */
function linkRefunds(store: MerchantStore, tx: TxRecord, refunds: TxRecord[], out: Json): void {
  if (tx.origIndex !== undefined) {
    const original = store.transactionAt(tx.origIndex);
    if (original) out.refund_of = transactionRef(original);
  }
  if (!isRefundable(tx)) return;
  out.refunds = refunds.map((refund) => ({
    ...transactionRef(refund),
    created: formatGatewayDateTime(refund.created),
    trantype_code: refund.trantypeCode,
    status_code: transactionStatus(store, refund).code,
    amount: centsToAmount(refund.amount),
  }));
}

/** The immediate answer of POST /transactions (docs/usaepay-api.md, "Transaction objects"). */
export function transactionResult(store: MerchantStore, tx: TxRecord, extras: { isDuplicate: boolean; savedcard?: Json; customer?: Json; receipts?: Json; echoDetail: boolean }): Json {
  const tender = tx.tender;
  const out: Json = {
    type: "transaction",
    key: tx.key,
    refnum: tx.refnum,
    is_duplicate: extras.isDuplicate ? "Y" : "N",
    result_code: tx.resultCode,
    result: RESULT[tx.resultCode],
    authcode: tx.authcode,
  };
  if (tender?.kind === "card") {
    out.creditcard = { type: tender.brand, number: tender.masked, category_code: tender.categoryCode, entry_mode: tender.entryMode };
  }
  if (tx.invoice) out.invoice = tx.invoice;
  if (tender?.kind === "check") out.proc_refnum = tx.procRefnum;
  if (tx.avs !== undefined) out.avs = avsResult(tx.avs);
  if (tx.cvc) out.cvc = cvcResult(tx.cvc);
  const batch = batchRef(store, tx, true);
  if (batch) out.batch = batch;
  out.auth_amount = centsToAmount(tx.authAmount);
  out.trantype = tx.trantypeCode === "A" ? "Credit Card Sale" : trantypeName(tx.trantypeCode);
  if (extras.echoDetail) out.amount_detail = amountDetail(tx);
  if (extras.savedcard) out.savedcard = extras.savedcard;
  if (extras.customer) out.customer = extras.customer;
  if (extras.receipts) out.receipts = extras.receipts;
  if (tx.error) {
    out.error = tx.error;
    out.error_code = tx.errorCode;
  }
  return out;
}

function batchTotalsJson(totals: BatchTotals): Json {
  const out: Json = {
    total_amount: (totals.salesAmount - totals.refundsAmount) / 100,
    total_count: totals.salesCount + totals.refundsCount + totals.voidsCount,
  };
  if (totals.salesCount) Object.assign(out, { sales_amount: totals.salesAmount / 100, sales_count: totals.salesCount });
  if (totals.voidsCount) Object.assign(out, { voids_amount: totals.voidsAmount / 100, voids_count: totals.voidsCount });
  if (totals.refundsCount) Object.assign(out, { refunds_amount: totals.refundsAmount / 100, refunds_count: totals.refundsCount });
  return out;
}

/** GET /batches/{key} and /batches/current (docs/usaepay-api.md, "Batches"). */
export function batchDetail(store: MerchantStore, batch: BatchRecord): Json {
  const open = batch.closed === undefined;
  return {
    type: "batch",
    key: batch.key,
    batchrefnum: String(batch.batchrefnum),
    sequence: String(batch.sequence),
    opened: formatGatewayDateTime(batch.opened),
    status: open ? "open" : "closed",
    ...(open ? { scheduled: formatGatewayDateTime(batch.scheduled) } : { closed: formatGatewayDateTime(batch.closed as number) }),
    ...batchTotalsJson(store.batchTotals(batch.index)),
  };
}

/** Batch list items follow the live shape: every figure a string (docs/usaepay-api.md, "Batches"). */
export function batchListItem(store: MerchantStore, batch: BatchRecord): Json {
  const totals = store.batchTotals(batch.index);
  return {
    key: batch.key,
    type: "batch",
    batchrefnum: String(batch.batchrefnum),
    sequence: String(batch.sequence),
    parent_sequence: "0",
    opened: formatGatewayDateTime(batch.opened),
    closed: batch.closed === undefined ? null : formatGatewayDateTime(batch.closed),
    resubmitted: "0",
    locked: false,
    lockdate: null,
    trancutoff: null,
    sales_count: String(totals.salesCount),
    sales: centsToAmount(totals.salesAmount),
    credits_count: String(totals.refundsCount),
    credits: centsToAmount(totals.refundsAmount),
  };
}

const lastFour = (masked: string) => masked.replace(/\D/g, "").slice(-4);

export function paymentMethodJson(method: PaymentMethodRecord): Json {
  const out: Json = {
    key: method.key,
    type: "customerpaymentmethod",
    method_name: method.methodName,
    cardholder: method.cardholder,
    expires: method.expires,
    pay_type: method.payType,
    sortord: String(method.sortord),
    added: formatGatewayDateTime(method.added),
    updated: formatGatewayDateTime(method.updated),
  };
  if (method.payType === "cc") {
    // Live answers carry only the last four digits here ("2224"), unlike a transaction's masked number.
    Object.assign(out, { card_type: method.brand ? BRAND_NAMES[method.brand] : "", ccnum4last: lastFour(method.masked), avs_street: method.avsStreet ?? "", avs_postalcode: method.avsPostalcode ?? "" });
  } else {
    Object.assign(out, { account_number: lastFour(method.masked), routing_number: lastFour(method.routingMasked ?? ""), account_type: method.accountType ?? "Checking" });
  }
  return out;
}

export function scheduleJson(schedule: BillingScheduleRecord, customer: CustomerRecord): Json {
  const method = customer.paymentMethods.find((m) => m.key === schedule.paymethodKey);
  return {
    key: schedule.key,
    type: "billingschedule",
    paymethod_key: schedule.paymethodKey,
    method_name: method?.methodName ?? "",
    amount: centsToAmount(schedule.amount),
    currency_code: schedule.currencyCode,
    description: schedule.description,
    enabled: schedule.enabled ? "1" : "0",
    frequency: schedule.frequency,
    next_date: schedule.nextDate,
    numleft: String(schedule.numleft),
    orderid: schedule.orderid ?? "",
    receipt_note: schedule.receiptNote ?? "",
    send_receipt: schedule.sendReceipt ? "1" : "0",
    source: "Recurring",
    start_date: schedule.startDate,
    tax: schedule.tax === undefined ? "" : centsToAmount(schedule.tax),
    user: "",
    username: "",
    skip_count: String(schedule.skipCount),
    rules: [],
  };
}

/** Detail includes payment methods and schedules; list items omit them (docs/usaepay-api.md, "Customers and payment methods"). */
export function customerJson(customer: CustomerRecord, detail: boolean): Json {
  const custom: Record<string, string | null> = {};
  for (let i = 1; i <= 20; i += 1) custom[String(i)] = customer.customFields[String(i)] ?? null;
  const out: Json = {
    key: customer.key,
    type: "customer",
    customerid: customer.customerid,
    custid: customer.custid,
    company: customer.company,
    first_name: customer.first_name,
    last_name: customer.last_name,
    street: customer.street,
    street2: customer.street2,
    city: customer.city,
    state: customer.state,
    postalcode: customer.postalcode,
    country: customer.country,
    phone: customer.phone,
    fax: customer.fax,
    email: customer.email,
    url: customer.url,
    notes: customer.notes,
    description: customer.description,
    custom_fields: custom,
  };
  if (detail) {
    out.payment_methods = customer.paymentMethods.map(paymentMethodJson);
    out.billing_schedules = customer.billingSchedules.map((s) => scheduleJson(s, customer));
  }
  return out;
}
