import { badRequest } from "./api-error";
import type { PaymentRecord } from "./records";
import { parseWireDate } from "./wire-time";

/**
 * Payment Search criteria (spec 3.15, 8.1, 10.6). The body nesting is undocumented; we accept
 * `{group: {type, conditions: [{criteria}|{group}]}}`, `type`/`conditions` at the top level,
 * and conditions that are a bare criteria or a bare group.
 */

type Operator = "eq" | "ne" | "gt" | "lt" | "gte" | "lte";
const OPERATORS: Operator[] = ["eq", "ne", "gt", "lt", "gte", "lte"];
const FIELDS = ["requestId", "paymentId", "sessionId", "paymentDate"] as const;
type Field = (typeof FIELDS)[number];

type Condition =
  | { kind: "criteria"; field: Field; operator: Operator; value: string }
  | { kind: "group"; type: "and" | "or"; conditions: Condition[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

function parseOperator(raw: unknown, path: string): Operator {
  const text = String(raw ?? "").trim().toLowerCase();
  const byCode = /^[1-6]$/.test(text) ? OPERATORS[Number(text) - 1] : undefined;
  const operator = byCode ?? OPERATORS.find((candidate) => candidate === text);
  if (!operator) throw badRequest("criteria.operator must be 1-6 or eq, ne, gt, lt, gte, lte.", [`${path}.operator`]);
  return operator;
}

function parseCriteria(raw: Json, path: string): Condition {
  const fieldText = String(raw.field ?? "").trim();
  const field = /^[1-4]$/.test(fieldText) ? FIELDS[Number(fieldText) - 1]! : undefined;
  if (!field) throw badRequest("criteria.field must be 1 (RequestId), 2 (PaymentId), 3 (SessionId) or 4 (PaymentDate).", [`${path}.field`]);
  const operator = parseOperator(raw.operator, path);
  if (raw.value === undefined || raw.value === null) throw badRequest("criteria.value is required.", [`${path}.value`]);
  const value = String(raw.value).trim();
  if (field === "paymentId" && !/^\d+$/.test(value)) throw badRequest("A PaymentId value must be digits.", [`${path}.value`]);
  if (field === "paymentDate" && !parseWireDate(value)) throw badRequest("A PaymentDate value must be a date.", [`${path}.value`]);
  return { kind: "criteria", field, operator, value };
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
  }
}

function matchesCriteria(payment: PaymentRecord, criteria: Extract<Condition, { kind: "criteria" }>): boolean {
  const { field, value } = criteria;
  let order: number | null;
  if (field === "paymentId") order = compare(Number(payment.paymentId), Number(value));
  else if (field === "requestId") order = compare(payment.requestId.toLowerCase(), value.toLowerCase());
  else if (field === "sessionId") order = payment.sessionId === null ? null : compare(payment.sessionId, value);
  else {
    // A date without a time compares whole UTC days; a timestamp compares instants.
    const target = parseWireDate(value)!;
    order = isDateOnly(value)
      ? compare(utcDay(payment.paymentDate), utcDay(target))
      : compare(payment.paymentDate.getTime(), target.getTime());
  }
  return applyOperator(criteria.operator, order);
}

export function matches(payment: PaymentRecord, condition: Condition): boolean {
  if (condition.kind === "criteria") return matchesCriteria(payment, condition);
  if (condition.conditions.length === 0) return true;
  return condition.type === "and"
    ? condition.conditions.every((inner) => matches(payment, inner))
    : condition.conditions.some((inner) => matches(payment, inner));
}

const SORT_KEYS: Record<string, (payment: PaymentRecord) => number | string> = {
  paymentdate: (payment) => payment.paymentDate.getTime(),
  paymentid: (payment) => Number(payment.paymentId),
  sessionid: (payment) => payment.sessionId ?? "",
  requestid: (payment) => payment.requestId,
};

export function parseOrderBy(raw: unknown): Array<(payment: PaymentRecord) => number | string> {
  if (raw == null) return [SORT_KEYS.paymentdate!];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((entry, index) => {
    const key = SORT_KEYS[String(entry).trim().toLowerCase()];
    if (!key) throw badRequest("orderBy accepts paymentDate, paymentId, sessionId, requestId.", [`orderBy.${index}`]);
    return key;
  });
}

export const MAX_PAGE_SIZE = 100;

export function parsePaging(body: Json): { pageNumber: number; pageSize: number } {
  const pageNumber = body.pageNumber == null ? 1 : Number(body.pageNumber);
  const pageSize = body.pageSize == null ? MAX_PAGE_SIZE : Number(body.pageSize);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) throw badRequest("pageNumber must be a whole number from 1.", ["pageNumber"]);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw badRequest("pageSize must be a whole number from 1.", ["pageSize"]);
  // Above the maximum is clamped, not refused (spec 11.10).
  return { pageNumber, pageSize: Math.min(pageSize, MAX_PAGE_SIZE) };
}

export function sortPayments(payments: PaymentRecord[], keys: Array<(payment: PaymentRecord) => number | string>) {
  return [...payments].sort((a, b) => {
    for (const key of keys) {
      const order = compare(key(a), key(b));
      if (order !== 0) return order;
    }
    return compare(Number(a.paymentId), Number(b.paymentId));
  });
}
