import "server-only";
import { refundPosition, type UsaepayTransaction } from "@/lib/payments/usaepay";
import type { TransactionDto } from "../mirror-transactions";

/**
 * Which money actions a USAePay transaction allows, and how much of it may still be refunded.
 * Live, USAePay says so itself in `available_actions`; from the local copy (USAePay unreachable)
 * the same is worked out from the status, type and outcome (docs/usaepay-api.md, "Transaction
 * objects" and "Transaction commands"). Either way the DAL runs these again at submit time, on a
 * fresh read, and the gateway enforces its own limits on top.
 */
export type MoneyOperation = "refund" | "void" | "capture" | "adjust";

export interface OfferedActions {
  refund: boolean;
  void: boolean;
  /** Void and release the hold on the card at once (cc:void:release). */
  release: boolean;
  capture: boolean;
  /** cc:adjust is not among the documented available actions, so it always follows the rules. */
  adjust: boolean;
}

export interface RefundedSoFar {
  key: string;
  refnum: string;
  amountCents: number;
  createdAt: string | null;
  voided: boolean;
}

export interface RefundPositionDto {
  originalCents: number;
  refundedCents: number;
  remainingCents: number;
  /**
   * "gateway": from the refunds USAePay lists on the sale; "paydesk": the gateway listed none, so
   * from Paydesk's own copy of refunds linked to this sale (made here, or linked earlier).
   */
  source: "gateway" | "paydesk";
  refunds: RefundedSoFar[];
}

type Facts = Pick<TransactionDto, "kind" | "outcome" | "statusCode" | "cardMasked" | "amountCents">;

const approved = (tx: Pick<TransactionDto, "outcome">) => tx.outcome === "approved" || tx.outcome === "partial";
/** Not settled yet: "P" pending (card batch open), "N" queued (an auth not yet captured). */
const unsettled = (tx: Pick<TransactionDto, "statusCode">) => tx.statusCode === "P" || tx.statusCode === "N";
const isCard = (tx: Pick<TransactionDto, "cardMasked">) => !!tx.cardMasked;

export function isRefundableKind(tx: Pick<TransactionDto, "kind">): boolean {
  return tx.kind === "sale" || tx.kind === "check";
}

/** What the status alone allows: the fallback when the page shows the local copy. */
export function actionsFromRules(tx: Facts, position: RefundPositionDto | null): OfferedActions {
  const ok = approved(tx) && tx.kind !== "void";
  // Refunds can be voided too, while their batch is open.
  const voidable = ok && unsettled(tx);
  return {
    refund: ok && isRefundableKind(tx) && tx.statusCode !== "N" && (position?.remainingCents ?? 0) > 0,
    void: voidable,
    release: voidable && isCard(tx),
    capture: ok && tx.kind === "auth-only" && tx.statusCode === "N",
    adjust: adjustAllowed(tx),
  };
}

/** An unsettled, approved card sale or authorization (cc:adjust: docs/usaepay-api.md, Interpretations 8). */
export function adjustAllowed(tx: Facts): boolean {
  return approved(tx) && (tx.kind === "sale" || tx.kind === "auth-only") && isCard(tx) && unsettled(tx);
}

/** What USAePay's own `available_actions` offers (names seen live and documented). */
export function actionsFromGateway(available: readonly string[], tx: Facts, position: RefundPositionDto | null): OfferedActions {
  const has = (...names: string[]) => names.some((name) => available.includes(name));
  return {
    refund: has("refund", "quickrefund", "creditvoid") && isRefundableKind(tx) && (position?.remainingCents ?? 0) > 0,
    void: has("void"),
    release: has("void:release", "releasefunds"),
    capture: has("capture"),
    adjust: adjustAllowed(tx),
  };
}

/** From the gateway's links when it sends them (the emulator does; the public docs name none). */
export function positionFromGateway(live: UsaepayTransaction): RefundPositionDto | null {
  const position = refundPosition(live);
  if (!position || !live.refunds) return null;
  return {
    ...position,
    source: "gateway",
    refunds: live.refunds.map((refund) => ({ key: refund.key, refnum: refund.refnum, amountCents: refund.amountCents ?? 0, createdAt: refund.createdAt ?? null, voided: refund.voided })),
  };
}

/** From Paydesk's copy: the mirrored refunds linked to this sale; voided or refused ones give nothing back. */
export function positionFromMirror(original: Pick<TransactionDto, "amountCents">, linked: Pick<TransactionDto, "key" | "refnum" | "amountCents" | "createdAt" | "kind" | "outcome">[]): RefundPositionDto {
  const refunds = linked
    .filter((refund) => approved(refund))
    .map((refund) => ({ key: refund.key, refnum: refund.refnum, amountCents: refund.amountCents, createdAt: refund.createdAt, voided: refund.kind === "void" }));
  const refundedCents = refunds.reduce((total, refund) => total + (refund.voided ? 0 : refund.amountCents), 0);
  return { originalCents: original.amountCents, refundedCents, remainingCents: Math.max(0, original.amountCents - refundedCents), source: "paydesk", refunds };
}
