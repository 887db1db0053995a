import { badRequest } from "./api-error";
import type { PaymentRecord, PaymentStatus } from "./records";
import { parseWireDate } from "./wire-time";

/**
 * Payment Search criteria (docs/clientpay-api.md, "Payment search"). The body nesting is
 * undocumented; we accept `{group: {type, conditions: [{criteria}|{group}]}}`, `type`/`conditions`
 * at the top level, and conditions that are a bare criteria or a bare group.
 *
 * Fields 1-4 and operators 1-6 are ClientPay's documented ones. Fields 5-15 and operator 7
 * (`contains`) are our extension, so that every filter of the dashboard can be answered by a
 * search; each is accepted by its code or its name.
 */

type Operator = "eq" | "ne" | "gt" | "lt" | "gte" | "lte" | "contains";
const OPERATORS: Operator[] = ["eq", "ne", "gt", "lt", "gte", "lte", "contains"];
const OPERATOR_ALIASES: Record<string, Operator> = { like: "contains" };

type Kind = "text" | "id" | "date" | "amount" | "status" | "method" | "boolean" | "list";

/** In code order: index + 1 is the field's number. */
const FIELDS = [
  { name: "requestId", kind: "text" },
  { name: "paymentId", kind: "id" },
  { name: "sessionId", kind: "text" },
  { name: "paymentDate", kind: "date" },
  { name: "paymentStatus", kind: "status" },
  { name: "paymentAmount", kind: "amount" },
  { name: "paymentMethodType", kind: "method" },
  { name: "payerName", kind: "text" },
  { name: "payerEmail", kind: "text" },
  { name: "invoiceNumber", kind: "list" },
  { name: "orderId", kind: "text" },
  { name: "isSettled", kind: "boolean" },
  { name: "customerId", kind: "text" },
  { name: "payerId", kind: "text" },
  { name: "lastModified", kind: "date" },
] as const satisfies ReadonlyArray<{ name: string; kind: Kind }>;

type Field = (typeof FIELDS)[number]["name"];
const ORDERED_KINDS: ReadonlySet<Kind> = new Set(["text", "id", "date", "amount"]);
const CONTAINS_KINDS: ReadonlySet<Kind> = new Set(["text", "list"]);
const STATUSES: PaymentStatus[] = ["Approved", "Declined", "Voided", "Refunded", "PartiallyRefunded"];

type Condition =
  | { kind: "criteria"; field: Field; operator: Operator; value: string }
  | { kind: "group"; type: "and" | "or"; conditions: Condition[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

function parseOperator(raw: unknown, path: string): Operator {
  const text = String(raw ?? "").trim().toLowerCase();
  const byCode = /^[1-7]$/.test(text) ? OPERATORS[Number(text) - 1] : undefined;
  const operator = byCode ?? OPERATORS.find((candidate) => candidate === text) ?? OPERATOR_ALIASES[text];
  if (!operator) throw badRequest("criteria.operator must be 1-7 or eq, ne, gt, lt, gte, lte, contains.", [`${path}.operator`]);
  return operator;
}

function parseField(raw: unknown, path: string) {
  const text = String(raw ?? "").trim();
  const field = /^\d+$/.test(text) ? FIELDS[Number(text) - 1] : FIELDS.find((candidate) => candidate.name.toLowerCase() === text.toLowerCase());
  if (!field) throw badRequest("criteria.field must be 1-15 or a field name (see the emulator README).", [`${path}.field`]);
  return field;
}

function checkValue(kind: Kind, value: string, path: string): void {
  const bad = (message: string) => badRequest(message, [`${path}.value`]);
  if (kind === "id" && !/^\d+$/.test(value)) throw bad("A PaymentId value must be digits.");
  if (kind === "date" && !parseWireDate(value)) throw bad("A date value must be yyyy-mm-dd, mm/dd/yyyy or ISO-8601.");
  if (kind === "amount" && !/^\d+(\.\d{1,2})?$/.test(value)) throw bad("An amount value must be a decimal like 125.50.");
  if (kind === "status" && !STATUSES.some((status) => status.toLowerCase() === value.toLowerCase())) {
    throw bad(`A PaymentStatus value must be one of ${STATUSES.join(", ")}.`);
  }
  if (kind === "method" && !/^(0|1|card|echeck)$/i.test(value)) throw bad("A PaymentMethodType value must be 0 (card), 1 (eCheck), card or eCheck.");
  if (kind === "boolean" && !/^(true|false)$/i.test(value)) throw bad("An IsSettled value must be true or false.");
}

function parseCriteria(raw: Json, path: string): Condition {
  const field = parseField(raw.field, path);
  const operator = parseOperator(raw.operator, path);
  if (operator === "contains" && !CONTAINS_KINDS.has(field.kind)) {
    throw badRequest(`contains applies to text fields, not ${field.name}.`, [`${path}.operator`]);
  }
  if (!ORDERED_KINDS.has(field.kind) && ["gt", "lt", "gte", "lte"].includes(operator)) {
    throw badRequest(`${field.name} takes eq or ne${CONTAINS_KINDS.has(field.kind) ? " or contains" : ""}.`, [`${path}.operator`]);
  }
  if (raw.value === undefined || raw.value === null) throw badRequest("criteria.value is required.", [`${path}.value`]);
  const value = String(raw.value).trim();
  checkValue(field.kind, value, path);
  return { kind: "criteria", field: field.name, operator, value };
}

function parseGroup(raw: Json, path: string): Condition {
  const type = String(raw.type ?? "").trim().toLowerCase();
  if (type !== "and" && type !== "or") throw badRequest('group.type must be "and" or "or".', [`${path}.type`]);
  if (!Array.isArray(raw.conditions)) throw badRequest("group.conditions must be an array.", [`${path}.conditions`]);
  const conditions = raw.conditions.map((entry: unknown, index: number) => {
    const at = `${path}.conditions.${index}`;
    if (!isObject(entry)) throw badRequest("Each condition must be an object.", [at]);
    if (isObject(entry.criteria)) return parseCriteria(entry.criteria, `${at}.criteria`);
    if (isObject(entry.group)) return parseGroup(entry.group, `${at}.group`);
    if ("field" in entry) return parseCriteria(entry, at);
    if ("conditions" in entry) return parseGroup(entry, at);
    throw badRequest("A condition needs criteria or a group.", [at]);
  });
  return { kind: "group", type, conditions };
}

export function parseSearchFilter(body: Json): Condition {
  if (isObject(body.group)) return parseGroup(body.group, "group");
  if ("conditions" in body || "type" in body) return parseGroup(body, "group");
  if (isObject(body.criteria)) return parseCriteria(body.criteria, "criteria");
  throw badRequest("group is required.", ["group"]);
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isDateOnly = (value: string) => /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})$/.test(value);
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

function applyOperator(operator: Operator, order: number | null): boolean {
  if (order === null) return operator === "ne";
  switch (operator) {
    case "eq": return order === 0;
    case "ne": return order !== 0;
    case "gt": return order > 0;
    case "lt": return order < 0;
    case "gte": return order >= 0;
    case "lte": return order <= 0;
    case "contains": return order === 0;
  }
}

/** Text compares ignore case (like a SQL Server default collation); `contains` is a substring test. */
function textOrder(actual: string | null, value: string, operator: Operator): number | null {
  if (actual === null) return null;
  const a = actual.toLowerCase();
  const b = value.toLowerCase();
  if (operator === "contains") return a.includes(b) ? 0 : 1;
  return compare(a, b);
}

function dateOrder(actual: Date, value: string): number {
  // A date without a time compares whole UTC days; a timestamp compares instants.
  const target = parseWireDate(value)!;
  return isDateOnly(value) ? compare(utcDay(actual), utcDay(target)) : compare(actual.getTime(), target.getTime());
}

function matchesCriteria(payment: PaymentRecord, criteria: Extract<Condition, { kind: "criteria" }>): boolean {
  const { field, value, operator } = criteria;
  switch (field) {
    case "requestId":
      // A Full Refund/Void has its own requestId; the payment it reversed is what that id finds.
      if (operator === "eq") return [payment.requestId, ...payment.refunds.map((refund) => refund.requestId)].some((id) => id?.toLowerCase() === value.toLowerCase());
      return applyOperator(operator, textOrder(payment.requestId, value, operator));
    case "paymentId": return applyOperator(operator, compare(Number(payment.paymentId), Number(value)));
    case "sessionId": return applyOperator(operator, payment.sessionId === null ? null : compare(payment.sessionId, value));
    case "paymentDate": return applyOperator(operator, dateOrder(payment.paymentDate, value));
    case "lastModified": return applyOperator(operator, dateOrder(payment.updatedAt, value));
    case "paymentStatus": return applyOperator(operator, textOrder(payment.status, value, operator));
    case "paymentAmount": return applyOperator(operator, compare(payment.amountCents, Math.round(Number(value) * 100)));
    case "paymentMethodType": {
      const wanted = /^(1|echeck)$/i.test(value) ? 1 : 0;
      return applyOperator(operator, compare(payment.methodType, wanted));
    }
    case "isSettled": return applyOperator(operator, compare(String(payment.settledAt !== null), value.toLowerCase()));
    case "payerName": return applyOperator(operator, textOrder(payment.payerName, value, operator));
    case "payerEmail": return applyOperator(operator, textOrder(payment.payerEmail, value, operator));
    case "orderId": return applyOperator(operator, textOrder(payment.orderId, value, operator));
    case "customerId": return applyOperator(operator, textOrder(payment.customerRefNumber, value, operator));
    case "payerId": return applyOperator(operator, textOrder(payment.payerId, value, operator));
    case "invoiceNumber": {
      const hit = payment.invoiceNumbers.some((number) => textOrder(number, value, operator) === 0);
      return operator === "ne" ? !hit : hit;
    }
  }
}

export function matches(payment: PaymentRecord, condition: Condition): boolean {
  if (condition.kind === "criteria") return matchesCriteria(payment, condition);
  if (condition.conditions.length === 0) return true;
  return condition.type === "and"
    ? condition.conditions.every((inner) => matches(payment, inner))
    : condition.conditions.some((inner) => matches(payment, inner));
}

type SortKey = (payment: PaymentRecord) => number | string;
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** The four documented keys, then our extensions (amount, payer name, status). */
const SORT_KEYS: Record<string, SortKey> = {
  paymentdate: (payment) => payment.paymentDate.getTime(),
  paymentid: (payment) => Number(payment.paymentId),
  sessionid: (payment) => payment.sessionId ?? "",
  requestid: (payment) => payment.requestId,
  paymentamount: (payment) => payment.amountCents,
  payername: (payment) => (payment.payerName ?? "").toLowerCase(),
  paymentstatus: (payment) => payment.status,
};

/** ClientPay sorts ascending; our extension also reads "paymentDate desc" (or "-paymentDate"). */
export function parseOrderBy(raw: unknown): SortOrder[] {
  if (raw == null) return [{ key: SORT_KEYS.paymentdate!, descending: false }];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((entry, index) => {
    const text = String(entry).trim().toLowerCase();
    const descending = text.startsWith("-") || /\s+desc$/.test(text);
    const name = text.replace(/^-/, "").replace(/\s+(asc|desc)$/, "");
    const key = SORT_KEYS[name];
    if (!key) {
      throw badRequest("orderBy accepts paymentDate, paymentId, sessionId, requestId, paymentAmount, payerName, paymentStatus (add \" desc\" to reverse).", [`orderBy.${index}`]);
    }
    return { key, descending };
  });
}

export const MAX_PAGE_SIZE = 100;

export function parsePaging(body: Json): { pageNumber: number; pageSize: number } {
  const pageNumber = body.pageNumber == null ? 1 : Number(body.pageNumber);
  const pageSize = body.pageSize == null ? MAX_PAGE_SIZE : Number(body.pageSize);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) throw badRequest("pageNumber must be a whole number from 1.", ["pageNumber"]);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw badRequest("pageSize must be a whole number from 1.", ["pageSize"]);
  // Above the maximum is clamped, not refused (docs/clientpay-api.md, "Payment search").
  return { pageNumber, pageSize: Math.min(pageSize, MAX_PAGE_SIZE) };
}

/** Ties are broken by payment id in the direction of the first key, so paging is stable. */
export function sortPayments(payments: PaymentRecord[], orders: SortOrder[]) {
  const tieBreak = orders[0]?.descending ? -1 : 1;
  return [...payments].sort((a, b) => {
    for (const { key, descending } of orders) {
      const order = compare(key(a), key(b));
      if (order !== 0) return descending ? -order : order;
    }
    return tieBreak * compare(Number(a.paymentId), Number(b.paymentId));
  });
}
