import { rowRandom, type SeededRandom } from "../shared/prng";
import { brandOf, maskCard, type CardBrand } from "./cards";
import { formatGatewayDate } from "./format";
import type { KeyCodec } from "./keys";
import type { CustomerRecord, PaymentMethodRecord, Tender, TxRecord } from "./model";
import { CITIES, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, PRODUCTS, STREET_NAMES } from "./names";

/**
 * Demo data as pure functions of (merchant seed, row index): nothing is materialised up front,
 * a page of 1000 rows is built on demand in a few milliseconds, and every run yields identical
 * ids, names and amounts. Timestamps are offsets back from the anchor (newest row = index 0).
 */
export const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 729;

export interface DatasetShape {
  seed: number;
  anchorMs: number;
  customerCount: number;
  transactionCount: number;
}

export interface Codecs {
  transaction: KeyCodec;
  customer: KeyCodec;
  batch: KeyCodec;
  paymentMethod: KeyCodec;
  schedule: KeyCodec;
}

const TX_SALT = 0x7a11;
const CUSTOMER_SALT = 0xc057;
const REFUNDER_SALT = 0x4ef0;
const AUTH_SALT = 0xa070;

/**
 * A row's "kind roll" (its second draw; the first is the created-time jitter) decides what it is:
 * below REFUND_SHARE a refund candidate, then declines, errors and voids, the rest plain approvals.
 */
const REFUND_SHARE = 0.08;
const DECLINE_END = 0.14;
const ERROR_END = 0.145;
const VOID_END = 0.175;
/** A generated refund is at most this many rows newer than its original. */
const REFUND_REACH = 401;
/**
 * Share of the open batch's plain card sales that are still uncaptured authorizations (auth-only,
 * queued), so a demo has some to capture or void. Older days have none: their auths were captured.
 */
const OPEN_DAY_AUTH_SHARE = 0.12;

/** A plain approval of the newest day that stays an authorization: never one a generated refund points at. */
function isOpenDayAuthorization(shape: DatasetShape, index: number, batchIndex: number | undefined): boolean {
  return batchIndex === 0 && rowRandom(shape.seed ^ AUTH_SALT, index).next() < OPEN_DAY_AUTH_SHARE && generatedRefundOf(shape, index) === undefined;
}

function kindRollOf(shape: DatasetShape, index: number): number {
  const rng = rowRandom(shape.seed ^ TX_SALT, index);
  rng.next();
  return rng.next();
}

/** The one row that may refund `original`: chosen by the original, so the link reads both ways. */
function refunderCandidateOf(shape: DatasetShape, original: number): number {
  return original - 1 - rowRandom(shape.seed ^ REFUNDER_SALT, original).int(0, REFUND_REACH - 1);
}

/** The original a refund candidate refunds: the first older row that chose it, if that row is a plain approval. */
function refundTargetOf(shape: DatasetShape, refund: number): number | undefined {
  const last = Math.min(shape.transactionCount - 1, refund + REFUND_REACH);
  for (let original = refund + 1; original <= last; original += 1) {
    if (refunderCandidateOf(shape, original) !== refund) continue;
    return kindRollOf(shape, original) >= VOID_END ? original : undefined;
  }
  return undefined;
}

/**
 * The generated refund of a generated transaction, if any (at most one, never above the original):
 * pure arithmetic on seeds, cheap enough to run for every row of a list page.
 */
export function generatedRefundOf(shape: DatasetShape, original: number): number | undefined {
  if (original < 0 || original >= shape.transactionCount || kindRollOf(shape, original) < VOID_END) return undefined;
  const refund = refunderCandidateOf(shape, original);
  if (refund < 0 || kindRollOf(shape, refund) >= REFUND_SHARE) return undefined;
  return refundTargetOf(shape, refund) === original ? refund : undefined;
}

export function batchCount(shape: DatasetShape): number {
  return shape.transactionCount > 0 ? HISTORY_DAYS : 0;
}

function spacingMs(shape: DatasetShape): number {
  return (HISTORY_DAYS * DAY_MS) / Math.max(1, shape.transactionCount);
}

/** Strictly decreasing in index: jitter stays below one slot. */
export function generatedCreatedAt(shape: DatasetShape, index: number): number {
  const slot = spacingMs(shape);
  const jitter = rowRandom(shape.seed ^ TX_SALT, index).next() * slot * 0.9;
  return Math.floor(shape.anchorMs - (index + 1) * slot + jitter);
}

/** Day bucket (0 = the 24 h before the anchor) = generated batch index. */
export function dayOf(shape: DatasetShape, createdMs: number): number {
  return Math.floor((shape.anchorMs - createdMs) / DAY_MS);
}

/** Generated transaction indices [from, to) that fall in day `day` (binary search on time). */
export function indexRangeOfDay(shape: DatasetShape, day: number): [number, number] {
  const firstAtOrAfterDay = (d: number) => {
    let lo = 0;
    let hi = shape.transactionCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dayOf(shape, generatedCreatedAt(shape, mid)) >= d) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return [firstAtOrAfterDay(day), firstAtOrAfterDay(day + 1)];
}

function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i += 1) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

function randomCardNumber(rng: SeededRandom): string {
  const roll = rng.next();
  const digits = (n: number) => rng.string(n, "0123456789");
  if (roll < 0.55) return luhnComplete(`4${digits(14)}`);
  if (roll < 0.8) return luhnComplete(`5${rng.int(1, 5)}${digits(13)}`);
  if (roll < 0.9) return luhnComplete(`3${rng.pick(["4", "7"])}${digits(12)}`);
  return luhnComplete(`6011${digits(11)}`);
}

function phone(rng: SeededRandom, areaCode: string): string {
  return `${areaCode}-${rng.int(200, 989)}-${String(rng.int(0, 9999)).padStart(4, "0")}`;
}

export function generateCustomer(shape: DatasetShape, codecs: Codecs, index: number): CustomerRecord {
  const rng = rowRandom(shape.seed ^ CUSTOMER_SALT, index);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const isCompany = rng.chance(0.2);
  const company = isCompany ? `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}` : "";
  const [city, state, zipPrefix, area] = rng.pick(CITIES);
  const postalcode = `${zipPrefix}${String(rng.int(0, 99)).padStart(2, "0")}`;
  const street = `${rng.int(10, 9899)} ${rng.pick(STREET_NAMES)}`;
  // Customers were created over the history window, newest first like the list order.
  const created = Math.floor(shape.anchorMs - ((index + 1) / Math.max(1, shape.customerCount)) * HISTORY_DAYS * DAY_MS);
  const methodCount = rng.chance(0.25) ? 2 : 1;
  const paymentMethods: PaymentMethodRecord[] = [];
  for (let j = 0; j < methodCount; j += 1) {
    const key = codecs.paymentMethod.encode(index * 8 + j);
    const expYear = (new Date(shape.anchorMs).getUTCFullYear() % 100) + rng.int(0, 5);
    const expires = `${String(rng.int(1, 12)).padStart(2, "0")}${String(expYear % 100).padStart(2, "0")}`;
    if (j === 1 && rng.chance(0.4)) {
      const account = rng.string(9, "0123456789");
      paymentMethods.push({
        key, payType: "check", methodName: "Checking account", cardholder: `${first} ${last}`, expires: "0000-00-00",
        masked: `xxxxx${account.slice(-4)}`, accountType: "Checking", routingMasked: `xxxxx${rng.string(4, "0123456789")}`,
        sortord: j, added: created, updated: created, secretNumber: account,
      });
      continue;
    }
    const number = randomCardNumber(rng);
    const brand = brandOf(number) as CardBrand;
    paymentMethods.push({
      key, payType: "cc", methodName: `${brand === "V" ? "Visa" : brand === "M" ? "MasterCard" : brand === "A" ? "Amex" : "Discover"} ${number.slice(-4)}`,
      cardholder: `${first} ${last}`, expires, brand, masked: maskCard(number), avsStreet: street, avsPostalcode: postalcode,
      sortord: j, added: created, updated: created, secretNumber: number,
    });
  }
  const firstMethod = paymentMethods[0] as PaymentMethodRecord;
  const hasSchedule = rng.chance(0.15);
  return {
    index,
    key: codecs.customer.encode(index),
    custid: String(3_000_000 + (shape.customerCount - index)),
    customerid: `C${String(100_000 + shape.customerCount - index)}`,
    company,
    first_name: first,
    last_name: last,
    street,
    street2: rng.chance(0.15) ? `Apt ${rng.int(1, 40)}` : "",
    city,
    state,
    postalcode,
    country: "USA",
    phone: phone(rng, area),
    fax: "",
    email: `${first}.${last}${rng.int(1, 99)}@example.com`.toLowerCase(),
    url: isCompany ? `https://www.${company.split(" ")[0]?.toLowerCase()}.example` : "",
    notes: "",
    description: isCompany ? "Business account" : "",
    enabled: true,
    customFields: {},
    paymentMethods,
    billingSchedules: hasSchedule
      ? [{
          key: codecs.schedule.encode(index),
          paymethodKey: firstMethod.key,
          amount: rng.pick([1999, 2999, 4999, 9900]),
          description: "Monthly service plan",
          enabled: true,
          frequency: "monthly",
          nextDate: formatGatewayDate(shape.anchorMs + rng.int(1, 28) * DAY_MS),
          startDate: formatGatewayDate(created),
          numleft: -1,
          skipCount: 1,
          currencyCode: "0",
          sendReceipt: false,
        }]
      : [],
    created,
  };
}

const DECLINE_SAMPLES = [
  { code: 10127, message: "Card Declined (F)" },
  { code: 10205, message: "Do not Honor (F05)" },
  { code: 10251, message: "Insufficient funds (F51)" },
  { code: 10257, message: "Transaction not permitted (F57)" },
  { code: 10262, message: "Restricted Card (F62)" },
  { code: 10297, message: "Declined for CVV failure (F97)" },
];
const AVS_SAMPLES = ["YYY", "YYY", "YYY", "YYY", "YYY", "YYY", "NYZ", "YNA", "NNN", "YYX"];
const CVC_SAMPLES = ["M", "M", "M", "M", "M", "M", "M", "N", "P", "M"];

function amountCents(rng: SeededRandom): number {
  const dollars = Math.exp(Math.log(5) + rng.next() * (Math.log(650) - Math.log(5)));
  const cents = Math.round(dollars * 100);
  return rng.chance(0.3) ? Math.max(100, Math.round(cents / 100) * 100 - 1) : cents;
}

/**
 * The generated transaction at `index`, before any overlay. Refunds point at an older approved
 * sale (a larger index, see `generatedRefundOf` for the way back) and reuse its card; `customerOf` lets a transaction reuse its customer's
 * saved card so customer and transaction views agree.
 */
export function generateTransaction(
  shape: DatasetShape,
  codecs: Codecs,
  index: number,
  customerOf: (customerIndex: number) => CustomerRecord,
  refnumOf: (index: number) => string,
  depth = 0,
): TxRecord {
  const rng = rowRandom(shape.seed ^ TX_SALT, index);
  rng.next(); // consumed by generatedCreatedAt
  const created = generatedCreatedAt(shape, index);
  const kindRoll = rng.next();
  const amount = amountCents(rng);
  const attached = shape.customerCount > 0 && rng.chance(0.8);
  const custIndex = attached ? index % shape.customerCount : undefined;
  const customer = custIndex !== undefined ? customerOf(custIndex) : undefined;
  const method = customer?.paymentMethods[rng.chance(0.85) ? 0 : customer.paymentMethods.length - 1];

  let tender: Tender;
  if (method && method.payType === "check") {
    tender = { kind: "check", accountholder: method.cardholder, accountMasked: method.masked, routingMasked: method.routingMasked ?? "xxxxx0000", accountType: "Checking", checknum: String(rng.int(1000, 9999)), format: "PPD" };
  } else if (method) {
    tender = { kind: "card", brand: method.brand ?? "V", masked: method.masked, cardholder: method.cardholder, categoryCode: method.brand === "A" ? "AX" : method.brand === "DS" ? "DI" : method.brand === "M" ? "M" : "A", expiration: method.expires, entryMode: "Card Not Present, Manually Keyed", avsStreet: method.avsStreet, avsPostalcode: method.avsPostalcode };
  } else {
    const number = randomCardNumber(rng);
    const brand = brandOf(number) as CardBrand;
    const holder = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    tender = { kind: "card", brand, masked: maskCard(number), cardholder: holder, categoryCode: brand === "A" ? "AX" : brand === "DS" ? "DI" : brand === "M" ? "M" : "A", expiration: `${String(rng.int(1, 12)).padStart(2, "0")}${rng.int(27, 31)}`, entryMode: rng.chance(0.3) ? "Contactless" : "Card Not Present, Manually Keyed" };
  }
  const isCheck = tender.kind === "check";
  const tx: TxRecord = {
    index,
    key: codecs.transaction.encode(index),
    refnum: refnumOf(index),
    created,
    trantypeCode: isCheck ? "K" : "S",
    resultCode: "A",
    authcode: isCheck ? `TM${rng.string(4, "0123456789ABCDEF")}` : String(rng.int(100000, 999999)),
    amount,
    authAmount: amount,
    detail: rng.chance(0.5) ? { tax: Math.round((amount * 7) / 107) } : {},
    tender,
    avs: isCheck ? undefined : rng.pick(AVS_SAMPLES),
    cvc: isCheck ? undefined : rng.pick(CVC_SAMPLES),
    batchIndex: dayOf(shape, created),
    custIndex,
    invoice: rng.chance(0.6) ? String(100_000 + shape.transactionCount - index) : undefined,
    description: rng.pick(PRODUCTS),
    email: customer?.email,
    sourceName: rng.chance(0.1) ? "recurring" : "Paydesk demo",
    billing: customer
      ? { first_name: customer.first_name, last_name: customer.last_name, company: customer.company || undefined, street: customer.street, city: customer.city, state: customer.state, postalcode: customer.postalcode, country: customer.country, phone: customer.phone }
      : undefined,
  };
  if (isCheck) tx.procRefnum = String(1_000_000 + index);

  if (kindRoll < REFUND_SHARE && depth === 0) {
    const origIndex = refundTargetOf(shape, index);
    if (origIndex !== undefined) {
      const original = generateTransaction(shape, codecs, origIndex, customerOf, refnumOf, depth + 1);
      if (original.resultCode === "A" && !original.voided && (original.trantypeCode === "S" || original.trantypeCode === "K")) {
        const refundAmount = rng.chance(0.6) ? original.amount : Math.max(100, Math.round(original.amount * rng.next()));
        return {
          ...tx,
          trantypeCode: original.trantypeCode === "K" ? "R" : "C",
          amount: refundAmount,
          authAmount: refundAmount,
          detail: {},
          tender: original.tender,
          avs: original.trantypeCode === "K" ? undefined : "   ",
          cvc: undefined,
          custIndex: original.custIndex,
          email: original.email,
          billing: original.billing,
          invoice: original.invoice,
          description: `Refund: ${original.description ?? ""}`.trim(),
          origIndex,
          sourceName: "Paydesk demo",
        };
      }
    }
  }
  if (kindRoll >= REFUND_SHARE && kindRoll < DECLINE_END && !isCheck) {
    const decline = rng.pick(DECLINE_SAMPLES);
    return { ...tx, resultCode: "D", error: decline.message, errorCode: decline.code, authcode: "000000", batchIndex: undefined, authAmount: 0 };
  }
  if (kindRoll >= DECLINE_END && kindRoll < ERROR_END && !isCheck) {
    return { ...tx, resultCode: "E", error: "Credit card has expired.", errorCode: 17, authcode: "", batchIndex: undefined, authAmount: 0, avs: undefined, cvc: undefined };
  }
  if (kindRoll >= ERROR_END && kindRoll < VOID_END) {
    return { ...tx, voided: true, trantypeCode: isCheck ? "K" : "V" };
  }
  if (!isCheck && isOpenDayAuthorization(shape, index, tx.batchIndex)) {
    // Outside any batch until captured (docs/usaepay-api.md, "Transaction commands": cc:authonly).
    return { ...tx, trantypeCode: "A", queued: true, batchIndex: undefined, detail: {} };
  }
  return tx;
}
