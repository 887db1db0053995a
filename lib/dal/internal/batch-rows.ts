import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { SortKey } from "./keyset";

/**
 * Rows of the local batch copy (MirrorBatch) as the batches table and its export show them: the
 * DTO, the voids the batch list lacks (counted from the transactions mirror), and the table's one
 * order. No access check here: the public DAL resolves the account first.
 */
export interface BatchDto {
  key: string;
  refnum: string | null;
  status: string;
  openedAt: string | null;
  closedAt: string | null;
  salesCount: number | null;
  salesCents: number | null;
  refundsCount: number | null;
  refundsCents: number | null;
  voidsCount: number | null;
  voidsCents: number | null;
  /** Where the voids figure came from: USAePay's batch detail, or Paydesk's copy of its transactions. */
  voidsFrom: "gateway" | "paydesk";
  netCents: number | null;
  totalCount: number | null;
  detailReadAt: string | null;
}

export type BatchRow = Prisma.MirrorBatchGetPayload<object>;
export type LocalVoids = Map<string, { count: number; cents: number }>;

/** Newest first; batches without an opening time last (on both providers), the key breaking ties. */
export const BATCH_SORT_KEYS: SortKey[] = [{ field: "openedAt", dir: "desc", nullable: true }, { field: "key", dir: "desc" }];

export function toBatchDto(row: BatchRow, localVoids?: { count: number; cents: number }): BatchDto {
  const fromGateway = row.detailReadAt !== null && row.voidsCount !== null;
  return {
    key: row.key, refnum: row.refnum, status: row.status, openedAt: row.openedAt?.toISOString() ?? null, closedAt: row.closedAt?.toISOString() ?? null,
    salesCount: row.salesCount, salesCents: row.salesCents, refundsCount: row.refundsCount, refundsCents: row.refundsCents,
    voidsCount: fromGateway ? row.voidsCount : (localVoids?.count ?? 0), voidsCents: fromGateway ? row.voidsCents : (localVoids?.cents ?? 0),
    voidsFrom: fromGateway ? "gateway" : "paydesk", netCents: row.netCents, totalCount: row.totalCount, detailReadAt: row.detailReadAt?.toISOString() ?? null,
  };
}

/** Voids per batch from the transactions mirror (the batch list carries none). */
export async function localBatchVoids(merchantAccountId: string, keys: string[]): Promise<LocalVoids> {
  if (keys.length === 0) return new Map();
  const groups = await db.mirrorTransaction.groupBy({ by: ["batchKey"], where: { merchantAccountId, batchKey: { in: keys }, kind: "void" }, _count: { _all: true }, _sum: { amountCents: true } });
  return new Map(groups.map((group) => [group.batchKey as string, { count: group._count._all, cents: group._sum.amountCents ?? 0 }]));
}

/** Rows of the table, with their voids, in one query for the voids. */
export async function toBatchDtos(merchantAccountId: string, rows: BatchRow[]): Promise<BatchDto[]> {
  const voids = await localBatchVoids(merchantAccountId, rows.map((row) => row.key));
  return rows.map((row) => toBatchDto(row, voids.get(row.key)));
}
