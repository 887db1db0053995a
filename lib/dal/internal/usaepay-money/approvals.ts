import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { formatCents } from "@/lib/format";
import type { RequestMeta } from "@/lib/request-meta";
import type { Paged } from "@/lib/validation/table-state";
import type { MoneyReason } from "@/lib/validation/money-reasons";

/**
 * Refunds above an account's limit wait for a second person (RefundApproval). A request is keyed
 * by its form's token nonce, so a double submit finds the first request. Only another manager or
 * admin may decide it; approving runs the refund through the same machinery as any other
 * (transaction-ops.ts refundOnce), with the approver's own one-time token.
 */
export interface RefundApprovalDto {
  id: string;
  transactionKey: string;
  amountCents: number;
  reasonCode: string;
  reasonText: string | null;
  status: "pending" | "approved" | "rejected";
  requestedById: string;
  requestedByEmail: string;
  requestedAt: string;
  decidedByEmail: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  attemptId: string | null;
  card: string | null;
  customer: string | null;
}

type Row = Prisma.RefundApprovalGetPayload<object>;

function toDto(row: Row): RefundApprovalDto {
  const details = (row.details ?? {}) as { card?: string | null; customer?: string | null };
  return {
    id: row.id, transactionKey: row.transactionKey, amountCents: row.amountCents, reasonCode: row.reasonCode, reasonText: row.reasonText,
    status: row.status as RefundApprovalDto["status"], requestedById: row.requestedById, requestedByEmail: row.requestedByEmail,
    requestedAt: row.requestedAt.toISOString(), decidedByEmail: row.decidedByEmail, decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote, attemptId: row.attemptId, card: details.card ?? null, customer: details.customer ?? null,
  };
}

export async function listApprovalsOf(merchantId: string, transactionKey: string): Promise<RefundApprovalDto[]> {
  const rows = await db.refundApproval.findMany({ where: { merchantAccountId: merchantId, transactionKey }, orderBy: { requestedAt: "desc" }, take: 20 });
  return rows.map(toDto);
}

export async function listApprovals(merchantId: string, status: "pending" | "decided", page: number, pageSize: number): Promise<Paged<RefundApprovalDto>> {
  const where: Prisma.RefundApprovalWhereInput = { merchantAccountId: merchantId, status: status === "pending" ? "pending" : { in: ["approved", "rejected"] } };
  const [rows, total] = await Promise.all([
    db.refundApproval.findMany({ where, orderBy: [{ requestedAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.refundApproval.count({ where }),
  ]);
  return { items: rows.map(toDto), total, page, pageSize };
}

export async function findApprovalByNonce(nonce: string): Promise<RefundApprovalDto | null> {
  const row = await db.refundApproval.findUnique({ where: { token: nonce } });
  return row ? toDto(row) : null;
}

export async function findApproval(merchantId: string, id: string): Promise<RefundApprovalDto | null> {
  const row = await db.refundApproval.findFirst({ where: { id, merchantAccountId: merchantId } });
  return row ? toDto(row) : null;
}

interface NewRequest {
  viewer: Viewer;
  meta: RequestMeta;
  merchantId: string;
  nonce: string;
  transactionKey: string;
  amountCents: number;
  limitCents: number;
  reason: { reasonCode: MoneyReason; reasonText?: string };
  facts: { card: string | null; customer: string | null; originalCents: number };
}

/** Stores a request (once per form) and audits it. Returns it and whether this submit created it. */
export async function createApprovalRequest(input: NewRequest): Promise<{ request: RefundApprovalDto; created: boolean }> {
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.refundApproval.create({
        data: {
          token: input.nonce,
          merchantAccountId: input.merchantId,
          transactionKey: input.transactionKey,
          amountCents: input.amountCents,
          reasonCode: input.reason.reasonCode,
          reasonText: input.reason.reasonText ?? null,
          requestedById: input.viewer.id,
          requestedByEmail: input.viewer.email,
          requestedAt: new Date(),
          details: input.facts,
        },
      });
      await recordAuditEvent(
        {
          actor: input.viewer,
          action: "money.usaepay.refund.approval_requested",
          targetType: "transaction",
          targetId: input.transactionKey,
          meta: input.meta,
          details: { merchantId: input.merchantId, requestId: created.id, amountCents: input.amountCents, limitCents: input.limitCents, reasonCode: input.reason.reasonCode, reasonText: input.reason.reasonText ?? null, ...input.facts },
        },
        tx,
      );
      return created;
    });
    return { request: toDto(row), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await findApprovalByNonce(input.nonce);
    if (!earlier) throw error;
    return { request: earlier, created: false };
  }
}

/**
 * Takes a pending request for a decision: atomically, so two approvers cannot both run it, and
 * never for the person who asked (the second person is the point).
 */
export async function claimApproval(viewer: Viewer, merchantId: string, id: string, decision: "approved" | "rejected", note?: string): Promise<RefundApprovalDto> {
  const row = await db.refundApproval.findFirst({ where: { id, merchantAccountId: merchantId } });
  if (!row) throw new AppError("not_found", "That refund request does not exist.");
  if (row.requestedById === viewer.id) throw new AppError("own_request", "You asked for this refund, so someone else must approve or reject it.");
  const { count } = await db.refundApproval.updateMany({
    where: { id, merchantAccountId: merchantId, status: "pending", requestedById: { not: viewer.id } },
    data: { status: decision, decidedById: viewer.id, decidedByEmail: viewer.email, decidedAt: new Date(), decisionNote: note ?? null },
  });
  if (count !== 1) throw new AppError("already_decided", "This refund request was already decided by someone else. Reload the page.");
  return toDto(await db.refundApproval.findUniqueOrThrow({ where: { id } }));
}

export async function linkApprovalAttempt(id: string, attemptId: string): Promise<void> {
  await db.refundApproval.update({ where: { id }, data: { attemptId } });
}

export async function auditDecision(viewer: Viewer, meta: RequestMeta, merchantId: string, request: RefundApprovalDto, extra: Record<string, string | null> = {}): Promise<void> {
  await recordAuditEvent({
    actor: viewer,
    action: `money.usaepay.refund.${request.status === "approved" ? "approval_granted" : "approval_rejected"}`,
    targetType: "transaction",
    targetId: request.transactionKey,
    meta,
    details: { merchantId, requestId: request.id, amountCents: request.amountCents, requestedBy: request.requestedByEmail, note: request.decisionNote, ...extra },
  });
}

export const requestMessage = (limitCents: number) =>
  `Refunds above ${formatCents(limitCents)} need a second person's approval on this account, so nothing was refunded yet: the request waits for another manager or admin.`;
