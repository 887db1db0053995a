/**
 * What kind of money movement a transaction is, as the table shows and filters it. USAePay's
 * `trantype_code` and `status_code` decide it (docs/usaepay-api.md, "Transaction objects"); a card
 * refund (code C) is a "refund" when it is linked to the sale it refunds and a "credit" (money sent
 * to a card with no original) otherwise. lib/sync/mirror-rows.ts stores it as MirrorTransaction.kind.
 */
export const TRANSACTION_TYPES = {
  sale: { label: "Sale", direction: "in" },
  refund: { label: "Refund", direction: "out" },
  void: { label: "Void", direction: "none" },
  "auth-only": { label: "Auth only", direction: "none" },
  credit: { label: "Credit", direction: "out" },
  check: { label: "Check", direction: "in" },
  other: { label: "Other", direction: "none" },
} as const satisfies Record<string, { label: string; direction: "in" | "out" | "none" }>;

export type TransactionType = keyof typeof TRANSACTION_TYPES;
export const TRANSACTION_TYPE_KEYS = Object.keys(TRANSACTION_TYPES) as [TransactionType, ...TransactionType[]];

/** Kinds whose money leaves the merchant: shown negative, summed as refunds. */
export const MONEY_OUT_TYPES = TRANSACTION_TYPE_KEYS.filter((type) => TRANSACTION_TYPES[type].direction === "out");
/** Kinds whose money comes in: summed as gross. Voids and uncaptured authorizations move nothing. */
export const MONEY_IN_TYPES = TRANSACTION_TYPE_KEYS.filter((type) => TRANSACTION_TYPES[type].direction === "in");

export function transactionTypeOf(value: string | null | undefined): TransactionType {
  return value && value in TRANSACTION_TYPES ? (value as TransactionType) : "other";
}

interface KindFacts {
  typeCode?: string | null;
  statusCode?: string | null;
  isCheck: boolean;
  refundOfKey?: string | null;
}

/**
 * The kind of one transaction. A void is a state (status V, or R "funds released" on a card; on a
 * check R means "returned"), so it wins over the type code; V/Z codes are voided sales/refunds.
 */
export function transactionKind({ typeCode, statusCode, isCheck, refundOfKey }: KindFacts): TransactionType {
  if (statusCode === "V" || typeCode === "V" || typeCode === "Z" || (statusCode === "R" && !isCheck)) return "void";
  switch (typeCode) {
    case "A":
      return "auth-only";
    case "C":
    case "R":
      return refundOfKey ? "refund" : "credit";
    case "K":
      return "check";
    case "S":
    case "L":
      return "sale";
    default:
      return "other";
  }
}

/** The amount as the table shows it: money out is negative. */
export function signedCents(kind: string | null | undefined, amountCents: number): number {
  return TRANSACTION_TYPES[transactionTypeOf(kind)].direction === "out" ? -amountCents : amountCents;
}
