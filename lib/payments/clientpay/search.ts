import "server-only";
import type { ClientpayRequestId } from "./request-id";

/**
 * Payment Search criteria and the builder the DAL uses (docs/clientpay-api.md, "Payment search").
 *
 * ClientPay documents four fields (RequestId, PaymentId, SessionId, PaymentDate) and six
 * operators; everything else here is our extension, answered by the emulator so that every
 * filter of the payments table is one search. `usesOnlyDocumentedFields(filter)` tells a
 * caller whether a filter would also be understood by the real service.
 */

export type SearchField =
  | "requestId"
  | "paymentId"
  | "sessionId"
  | "paymentDate"
  | "paymentStatus"
  | "paymentAmount"
  | "paymentMethodType"
  | "payerName"
  | "payerEmail"
  | "invoiceNumber"
  | "orderId"
  | "isSettled"
  | "customerId"
  | "payerId"
  | "lastModified";
export type SearchOperator = "eq" | "ne" | "gt" | "lt" | "gte" | "lte" | "contains";

/** Amounts are criteria in cents like every amount in Paydesk; the wire mapper makes the decimal. */
export type SearchCriteria =
  | { field: Exclude<SearchField, "paymentAmount">; operator: SearchOperator; value: string }
  | { field: "paymentAmount"; operator: Exclude<SearchOperator, "contains">; valueCents: number };
export interface SearchGroup {
  type: "and" | "or";
  conditions: Array<SearchCriteria | SearchGroup>;
}

type SortKey = "paymentDate" | "paymentId" | "sessionId" | "requestId" | "paymentAmount" | "payerName" | "paymentStatus";
/** ClientPay sorts ascending by the first four keys; the rest and " desc" are our extension. */
export type SearchOrderBy = SortKey | `${SortKey} desc`;

export interface PaymentSearchPage {
  filter?: SearchGroup;
  orderBy?: SearchOrderBy[];
  /** 1-based. */
  pageNumber?: number;
  /** At most 100 (ClientPay's maximum). */
  pageSize?: number;
}

/** In the order of their codes: the code of a field is its index + 1. */
const FIELD_ORDER: readonly SearchField[] = [
  "requestId", "paymentId", "sessionId", "paymentDate", "paymentStatus", "paymentAmount", "paymentMethodType",
  "payerName", "payerEmail", "invoiceNumber", "orderId", "isSettled", "customerId", "payerId", "lastModified",
];
const OPERATOR_ORDER: readonly SearchOperator[] = ["eq", "ne", "gt", "lt", "gte", "lte", "contains"];
export const DOCUMENTED_SEARCH_FIELDS: ReadonlySet<SearchField> = new Set(["requestId", "paymentId", "sessionId", "paymentDate"]);
const DOCUMENTED_SORT_KEYS: ReadonlySet<string> = new Set(["paymentDate", "paymentId", "sessionId", "requestId"]);

const isGroup = (condition: SearchCriteria | SearchGroup): condition is SearchGroup => "conditions" in condition;

/**
 * With no filter we ask for every payment since 2000: an explicit condition is safer than an
 * empty `conditions` list, whose meaning on the real service is undocumented.
 */
export const ALL_PAYMENTS: SearchGroup = {
  type: "and",
  conditions: [{ field: "paymentDate", operator: "gte", value: "2000-01-01" }],
};

type WireCondition = { criteria: { field: number; operator: number; value: string } } | { group: WireGroup };
interface WireGroup {
  type: "and" | "or";
  conditions: WireCondition[];
}

export function toWireGroup(group: SearchGroup): WireGroup {
  return {
    type: group.type,
    conditions: group.conditions.map((condition) => {
      if (isGroup(condition)) return { group: toWireGroup(condition) };
      const value = condition.field === "paymentAmount" ? (Math.round(condition.valueCents) / 100).toFixed(2) : condition.value;
      return { criteria: { field: FIELD_ORDER.indexOf(condition.field) + 1, operator: OPERATOR_ORDER.indexOf(condition.operator) + 1, value } };
    }),
  };
}

export function usesOnlyDocumentedFields(group: SearchGroup, orderBy: readonly SearchOrderBy[] = []): boolean {
  const documented = (condition: SearchCriteria | SearchGroup): boolean =>
    isGroup(condition) ? condition.conditions.every(documented) : DOCUMENTED_SEARCH_FIELDS.has(condition.field) && condition.operator !== "contains";
  return documented(group) && orderBy.every((key) => DOCUMENTED_SORT_KEYS.has(key));
}

// ---- the builder ------------------------------------------------------------------------------

export type ClientpayPaymentStatus = "Approved" | "Declined" | "Voided" | "Refunded" | "PartiallyRefunded";

/** The payments table's filters, as the DAL receives them (all optional, all combined with "and"). */
export interface PaymentFilters {
  /** The search box: payer name, payer email, invoice number or order number containing this. */
  text?: string;
  payerName?: string;
  payerEmail?: string;
  invoiceNumber?: string;
  orderId?: string;
  /** paymentDate on or after (a Date, or yyyy-mm-dd for a whole UTC day). */
  paidFrom?: Date | string;
  /** paymentDate strictly before. */
  paidBefore?: Date | string;
  /** Any of these (an "or" group). */
  statuses?: readonly ClientpayPaymentStatus[];
  method?: "card" | "eCheck";
  minAmountCents?: number;
  maxAmountCents?: number;
  settled?: boolean;
  /** The payment (or the refund/void) made under this request ID. */
  requestId?: ClientpayRequestId | string;
  paymentId?: string;
  /** PaymentId strictly greater: payment ids grow with time, so this walks the account in order (documented field and operator). */
  paymentIdAfter?: string;
  payerId?: string;
  /** Changed (settled, refunded, voided) on or after. */
  modifiedSince?: Date | string;
}

const dateValue = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);
const text = (field: Exclude<SearchField, "paymentAmount">, operator: SearchOperator, value: string): SearchCriteria => ({ field, operator, value });

export function paymentFilter(filters: PaymentFilters): SearchGroup {
  const conditions: Array<SearchCriteria | SearchGroup> = [];
  const search = filters.text?.trim();
  if (search) {
    conditions.push({
      type: "or",
      conditions: (["payerName", "payerEmail", "invoiceNumber", "orderId"] as const).map((field) => text(field, "contains", search)),
    });
  }
  for (const field of ["payerName", "payerEmail", "invoiceNumber", "orderId"] as const) {
    const value = filters[field]?.trim();
    if (value) conditions.push(text(field, "contains", value));
  }
  if (filters.paidFrom !== undefined) conditions.push(text("paymentDate", "gte", dateValue(filters.paidFrom)));
  if (filters.paidBefore !== undefined) conditions.push(text("paymentDate", "lt", dateValue(filters.paidBefore)));
  if (filters.statuses && filters.statuses.length > 0) {
    conditions.push({ type: "or", conditions: filters.statuses.map((status) => text("paymentStatus", "eq", status)) });
  }
  if (filters.method) conditions.push(text("paymentMethodType", "eq", filters.method === "eCheck" ? "1" : "0"));
  if (filters.minAmountCents !== undefined) conditions.push({ field: "paymentAmount", operator: "gte", valueCents: filters.minAmountCents });
  if (filters.maxAmountCents !== undefined) conditions.push({ field: "paymentAmount", operator: "lte", valueCents: filters.maxAmountCents });
  if (filters.settled !== undefined) conditions.push(text("isSettled", "eq", String(filters.settled)));
  if (filters.requestId !== undefined) {
    conditions.push(text("requestId", "eq", typeof filters.requestId === "string" ? filters.requestId : filters.requestId.reveal()));
  }
  if (filters.paymentId) conditions.push(text("paymentId", "eq", filters.paymentId));
  if (filters.paymentIdAfter) conditions.push(text("paymentId", "gt", filters.paymentIdAfter));
  if (filters.payerId) conditions.push(text("payerId", "eq", filters.payerId));
  if (filters.modifiedSince !== undefined) conditions.push(text("lastModified", "gte", dateValue(filters.modifiedSince)));
  return conditions.length === 0 ? ALL_PAYMENTS : { type: "and", conditions };
}
