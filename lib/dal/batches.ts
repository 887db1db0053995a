import "server-only";
import type { ActionState } from "@/lib/actions/action-state";
import { can } from "@/lib/auth/permissions";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { RequestMeta } from "@/lib/request-meta";
import { refreshBatchList, writeBatchDetail } from "@/lib/sync/mirror-batches";
import type { TransactionQuery } from "@/lib/validation/transactions";
import type { Paged } from "@/lib/validation/table-state";
import { BATCH_SORT_KEYS, localBatchVoids, toBatchDto, type BatchDto, type BatchRow, type LocalVoids } from "./internal/batch-rows";
import { orderByOf } from "./internal/keyset";
import { readLive, type LiveRead } from "./internal/live-read";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { findBlockingAttempt, type MoneyAttemptDto } from "./internal/money-attempts";
import { listMirrorTransactionsWithTotals, mirrorTransactionTotals, type TransactionDto, type TransactionTotals } from "./internal/mirror-transactions";
import { merchantForTable } from "./internal/table-view";
import { closeBatchOnce } from "./internal/usaepay-money/batch-close";
import { attemptState } from "./internal/usaepay-money/context";
import { issueFor, tokenGeneration } from "./internal/usaepay-money/panel";

/**
 * Settlement batches (docs/usaepay-api.md, "Batches"): served from the local copy (MirrorBatch),
 * which a page view refreshes from USAePay at most once a minute (one call for up to 1000
 * batches; the 45/min budget is shared). A batch's transactions and its totals row come from the
 * transactions mirror, computed in the database, beside the figures USAePay reports.
 */
type Deps = Pick<GatewayDeps, "fetch">;

/** How old the local batch list may be before a page view reads USAePay again. */
export const BATCH_LIST_FRESH_MS = 60_000;

export type { BatchDto } from "./internal/batch-rows";

async function refreshListIfStale(merchant: MerchantDto, deps?: Deps): Promise<LiveRead & { listedAt: string | null }> {
  const [newest, unlisted] = await Promise.all([
    db.mirrorBatch.findFirst({ where: { merchantAccountId: merchant.id, listedAt: { not: null } }, orderBy: { listedAt: "desc" }, select: { listedAt: true } }),
    // A batch known only from its detail (a new open one), or marked for a re-read, asks for the list.
    db.mirrorBatch.count({ where: { merchantAccountId: merchant.id, listedAt: null } }),
  ]);
  if (newest?.listedAt && unlisted === 0 && Date.now() - newest.listedAt.getTime() < BATCH_LIST_FRESH_MS) return { source: "live", listedAt: newest.listedAt.toISOString() };
  const read = await readLive({
    merchant,
    record: "batches",
    deps,
    fetch: (client, signal) => refreshBatchList(merchant.id, client, signal),
    store: async () => undefined,
    drop: async () => undefined,
  });
  const after = await db.mirrorBatch.findFirst({ where: { merchantAccountId: merchant.id, listedAt: { not: null } }, orderBy: { listedAt: "desc" }, select: { listedAt: true } });
  return { ...read, listedAt: after?.listedAt?.toISOString() ?? null };
}

/**
 * The open batch changes with every sale, so the list page reads it live (one call) rather than
 * waiting for the next list refresh; with no open batch (USAePay answers 40027), rows the copy still
 * calls open are marked for the next list read.
 */
async function refreshOpenBatch(merchant: MerchantDto, deps?: Deps): Promise<void> {
  const markStale = () => db.mirrorBatch.updateMany({ where: { merchantAccountId: merchant.id, status: "open" }, data: { listedAt: null } });
  try {
    await readLive({
      merchant,
      record: "batch",
      deps,
      missing: "app_error",
      fetch: (client, signal) => client.getBatch("current", signal),
      store: async (current) => {
        await writeBatchDetail(merchant.id, current);
        await db.mirrorBatch.updateMany({ where: { merchantAccountId: merchant.id, status: "open", key: { not: current.key } }, data: { listedAt: null } });
      },
      drop: markStale,
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
  }
}

export interface OpenBatch {
  batch: BatchDto;
  /** Summed in the database over Paydesk's copy of the batch's transactions. */
  totals: TransactionTotals;
  /** For admins: the one-time token of the Close batch form. */
  closeToken: string | null;
  blocking: MoneyAttemptDto | null;
}

export type BatchList = Paged<BatchDto> & LiveRead & { listedAt: string | null; open: OpenBatch | null };

async function openBatchOf(viewer: Viewer, merchant: MerchantDto, row: BatchRow | null, voids: LocalVoids): Promise<OpenBatch | null> {
  if (!row) return null;
  const [totals, blocking, generation] = await Promise.all([
    mirrorTransactionTotals({ merchantAccountId: merchant.id, timeZone: zoneOf(viewer), batchKey: row.key }, {}),
    findBlockingAttempt(merchant.id, "usaepay", row.key),
    tokenGeneration(merchant.id, row.key),
  ]);
  const mayClose = can(viewer.role, "batches:close") && !blocking;
  return { batch: toBatchDto(row, voids.get(row.key)), totals, blocking, closeToken: mayClose ? issueFor(viewer, merchant, "batch_close", row.key, generation) : null };
}

export async function listBatches(viewer: Viewer, slug: string, page: { page: number; pageSize: number }, deps?: Deps): Promise<BatchList> {
  const merchant = await merchantForTable(viewer, "batches:read", slug);
  const read = await refreshListIfStale(merchant, deps);
  await refreshOpenBatch(merchant, deps);
  const where = { merchantAccountId: merchant.id };
  const [rows, total, open] = await Promise.all([
    db.mirrorBatch.findMany({ where, orderBy: orderByOf(BATCH_SORT_KEYS) as Prisma.MirrorBatchOrderByWithRelationInput[], skip: (page.page - 1) * page.pageSize, take: page.pageSize }),
    db.mirrorBatch.count({ where }),
    db.mirrorBatch.findFirst({ where: { ...where, status: "open" }, orderBy: { openedAt: "desc" } }),
  ]);
  const voids = await localBatchVoids(merchant.id, [...rows.map((row) => row.key), ...(open ? [open.key] : [])]);
  return { ...read, items: rows.map((row) => toBatchDto(row, voids.get(row.key))), total, page: page.page, pageSize: page.pageSize, open: await openBatchOf(viewer, merchant, open, voids) };
}

export type BatchDetail = LiveRead & {
  batch: BatchDto;
  transactions: Paged<TransactionDto>;
  /** Over all of the batch's transactions in Paydesk's copy, not just this page. */
  totals: TransactionTotals;
  open: OpenBatch | null;
};

/** One batch: USAePay's figures (read live unless closed and already read: closed batches never change) and its transactions. */
export async function getBatchDetail(viewer: Viewer, slug: string, key: string, query: TransactionQuery, deps?: Deps): Promise<BatchDetail> {
  const merchant = await merchantForTable(viewer, "batches:read", slug);
  const where = { merchantAccountId_key: { merchantAccountId: merchant.id, key } };
  const known = await db.mirrorBatch.findUnique({ where });
  const final = known?.status === "closed" && known.detailReadAt !== null;
  const read: LiveRead = final
    ? { source: "live" }
    : await readLive({
        merchant,
        record: "batch",
        deps,
        fetch: (client, signal) => client.getBatch(key, signal),
        store: (batch) => writeBatchDetail(merchant.id, batch),
        drop: () => db.mirrorBatch.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
      });
  const row = await db.mirrorBatch.findUnique({ where });
  const scope = { merchantAccountId: merchant.id, timeZone: zoneOf(viewer), batchKey: key };
  // A batch only Paydesk's transactions know of (USAePay unreachable) still shows them.
  // The batch page has no filters, so the page's totals are the whole batch's.
  const [{ totals, ...transactions }, voids] = await Promise.all([listMirrorTransactionsWithTotals(scope, { q: "", sort: query.sort, dir: query.dir, page: query.page, pageSize: query.pageSize }), localBatchVoids(merchant.id, [key])]);
  const batch = row ? toBatchDto(row, voids.get(key)) : unknownBatch(key);
  return { ...read, batch, transactions, totals, open: row?.status === "open" ? await openBatchOf(viewer, merchant, row, voids) : null };
}

function unknownBatch(key: string): BatchDto {
  return { key, refnum: null, status: "unknown", openedAt: null, closedAt: null, salesCount: null, salesCents: null, refundsCount: null, refundsCents: null, voidsCount: null, voidsCents: null, voidsFrom: "paydesk", netCents: null, totalCount: null, detailReadAt: null };
}

/** Close the open batch now (admins), confirmed on the page, once, audited. */
export async function closeBatch(viewer: Viewer, slug: string, input: { batch: string; token: string }, meta: RequestMeta, deps?: Deps): Promise<ActionState> {
  const merchant = await merchantFor(viewer, "batches:close", { slug });
  return attemptState(await closeBatchOnce({ viewer, meta, merchant, deps }, { batchKey: input.batch, token: input.token }));
}
