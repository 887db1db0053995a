import "server-only";
import type { ActionState } from "@/lib/actions/action-state";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { formatCents } from "@/lib/format";
import type { RequestMeta } from "@/lib/request-meta";
import type { Paged } from "@/lib/validation/table-state";
import { merchantFor } from "./internal/merchant-access";
import { listApprovals, type RefundApprovalDto } from "./internal/usaepay-money/approvals";

export type { RefundApprovalDto } from "./internal/usaepay-money/approvals";

/**
 * The account's refund limit (admins) and its queue of refunds waiting for a second person.
 * Deciding happens on the transaction's page (lib/dal/transaction-money.ts), where the approver
 * sees what the refund is of.
 */
export interface ApprovalQueue {
  limitCents: number | null;
  requests: Paged<RefundApprovalDto & { canDecide: boolean }>;
}

export async function listRefundApprovals(viewer: Viewer, slug: string, status: "pending" | "decided", page: { page: number; pageSize: number }): Promise<ApprovalQueue> {
  const merchant = await merchantFor(viewer, ["refunds:approve", "transactions:refund"], { slug });
  const [settings, requests] = await Promise.all([
    db.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id }, select: { refundApprovalAboveCents: true } }),
    listApprovals(merchant.id, status, page.page, page.pageSize),
  ]);
  const mayDecide = can(viewer.role, "refunds:approve") && can(viewer.role, "transactions:refund");
  return {
    limitCents: settings.refundApprovalAboveCents,
    requests: { ...requests, items: requests.items.map((request) => ({ ...request, canDecide: mayDecide && request.status === "pending" && request.requestedById !== viewer.id })) },
  };
}

/** The admin setting: refunds above `limitCents` need a second person; null turns the step off. */
export async function getRefundApprovalLimit(viewer: Viewer, merchantId: string): Promise<number | null> {
  const merchant = await merchantFor(viewer, "merchants:manage", { id: merchantId });
  const row = await db.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id }, select: { refundApprovalAboveCents: true } });
  return row.refundApprovalAboveCents;
}

export async function setRefundApprovalLimit(viewer: Viewer, merchantId: string, limitCents: number | null, meta: RequestMeta): Promise<ActionState> {
  const merchant = await merchantFor(viewer, "merchants:manage", { id: merchantId });
  await db.$transaction(async (tx) => {
    const before = await tx.merchantAccount.findUniqueOrThrow({ where: { id: merchant.id }, select: { refundApprovalAboveCents: true } });
    await tx.merchantAccount.update({ where: { id: merchant.id }, data: { refundApprovalAboveCents: limitCents } });
    await recordAuditEvent(
      { actor: viewer, action: "merchant.refund_limit", targetType: "merchant", targetId: merchant.id, meta, details: { before: before.refundApprovalAboveCents, after: limitCents } },
      tx,
    );
  });
  return {
    status: "success",
    message: limitCents === null ? "Refunds no longer need a second person's approval." : `Refunds above ${formatCents(limitCents)} now need a second person's approval.`,
  };
}
