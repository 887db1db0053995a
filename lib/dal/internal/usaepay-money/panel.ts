import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { MerchantDto } from "../merchant-access";
import { attemptGeneration, findBlockingAttempt, listMoneyAttempts, type MoneyAttemptDto } from "../money-attempts";
import { issueMoneyToken } from "../money-token";
import { bindingFor, maskedFacts, OPERATIONS, type UsaepayOperation } from "./context";
import type { TransactionFacts } from "./facts";
import { listApprovalsOf, type RefundApprovalDto } from "./approvals";
import type { OfferedActions, RefundPositionDto } from "./rules";

/**
 * What a transaction's page offers for money, for this viewer: the actions USAePay (or, from the
 * local copy, the rules) allow and the viewer's role permits, each with its one-time token; what
 * was refunded; earlier attempts; an outcome still unknown; refunds waiting for approval.
 */
export interface TransactionMoneyPanel {
  offeredBy: "gateway" | "rules";
  /** Offered and permitted, with a token each. */
  forms: Partial<Record<"refund" | "void" | "capture" | "adjust", { token: string }>>;
  /** Offered by the gateway/rules, whatever the role (the page says what is possible). */
  offered: OfferedActions;
  position: RefundPositionDto | null;
  /** Restated in every confirmation. */
  confirm: { amountCents: number; card: string | null; customer: string | null };
  attempts: MoneyAttemptDto[];
  /** An attempt still in flight or of unknown outcome: nothing else may start until it is checked. */
  blocking: MoneyAttemptDto | null;
  canReconcile: boolean;
  approvals: (RefundApprovalDto & { approveToken: string | null; canDecide: boolean })[];
  /** Refunds above this need a second person's approval (null: no limit). */
  approvalAboveCents: number | null;
}

/** Forms issued between two attempts share a nonce, so a second tab replays the first (money-token.ts). */
export async function tokenGeneration(merchantId: string, targetKey: string): Promise<number> {
  const [attempts, requests] = await Promise.all([
    attemptGeneration(merchantId, "usaepay", targetKey),
    db.refundApproval.count({ where: { merchantAccountId: merchantId, transactionKey: targetKey } }),
  ]);
  return attempts + requests;
}

export function issueFor(viewer: Viewer, merchant: MerchantDto, operation: UsaepayOperation, targetKey: string, generation: number): string {
  return issueMoneyToken(bindingFor({ viewer, merchant }, operation, targetKey), Date.now(), { generation });
}

export async function moneyPanelFor(viewer: Viewer, merchant: MerchantDto, facts: TransactionFacts): Promise<TransactionMoneyPanel> {
  const tx = facts.transaction;
  const [generation, attempts, blocking, approvals, settings] = await Promise.all([
    tokenGeneration(merchant.id, tx.key),
    listMoneyAttempts(merchant.id, tx.key),
    findBlockingAttempt(merchant.id, "usaepay", tx.key),
    listApprovalsOf(merchant.id, tx.key),
    db.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id }, select: { refundApprovalAboveCents: true } }),
  ]);
  const forms: TransactionMoneyPanel["forms"] = {};
  for (const operation of ["refund", "void", "capture", "adjust"] as const) {
    // While an attempt is in flight or unknown, nothing else may start: the page shows that instead.
    if (!blocking && facts.offered[operation] && can(viewer.role, OPERATIONS[operation].permission)) forms[operation] = { token: issueFor(viewer, merchant, operation, tx.key, generation) };
  }
  const mayApprove = can(viewer.role, "refunds:approve") && can(viewer.role, "transactions:refund");
  return {
    offeredBy: facts.offeredBy,
    forms,
    offered: facts.offered,
    position: facts.position,
    confirm: { amountCents: tx.amountCents, ...maskedFacts(tx) },
    attempts: attempts.filter((attempt) => attempt.gateway === "usaepay"),
    blocking,
    canReconcile: !!blocking && blocking.status === "unknown" && isUsaepay(blocking) && can(viewer.role, OPERATIONS[blocking.operation as UsaepayOperation]?.permission ?? "transactions:refund"),
    approvals: approvals.map((approval) => {
      const canDecide = mayApprove && approval.status === "pending" && approval.requestedById !== viewer.id;
      return { ...approval, canDecide, approveToken: canDecide ? issueFor(viewer, merchant, "refund", tx.key, generation) : null };
    }),
    approvalAboveCents: settings.refundApprovalAboveCents,
  };
}

const isUsaepay = (attempt: MoneyAttemptDto) => attempt.gateway === "usaepay" && attempt.operation in OPERATIONS;
