import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import type { RequestMeta } from "@/lib/request-meta";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { upsertTransactionRows } from "@/lib/sync/mirror-store";
import type { TransactionQuery } from "@/lib/validation/transactions";
import type { Paged } from "@/lib/validation/table-state";
import { auditedLookUp, keepFresh, notMirrored, type DetailFreshness, type LiveRecordSpec, type LookUpResult } from "./internal/live-detail";
import { assertCan } from "./internal/guards";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { merchantForTable } from "./internal/table-view";
import { listMirrorTransactions, toTransactionDto, type TransactionDto } from "./internal/mirror-transactions";

export type { TransactionDto } from "./internal/mirror-transactions";
export type { DetailFreshness, LookUpResult } from "./internal/live-detail";

/**
 * Transactions: the table and the detail from the local mirror, kept fresh from USAePay.
 * Every function checks `transactions:read` and resolves the account by slug for this viewer,
 * so another account's keys in a URL answer "not found".
 */
export async function listTransactions(viewer: Viewer, merchantSlug: string, query: TransactionQuery): Promise<Paged<TransactionDto>> {
  const merchant = await merchantForTable(viewer, "transactions:read", merchantSlug);
  return listMirrorTransactions(merchant.id, query);
}

export type TransactionDetail = DetailFreshness & {
  transaction: TransactionDto;
  /** When the shown copy was last written to the mirror (a sync, a webhook, a live read). */
  mirroredAt: string;
};

function liveTransaction(viewer: Viewer, merchant: MerchantDto, key: string, deps?: GatewayDeps): LiveRecordSpec<UsaepayTransaction> {
  return {
    viewer,
    merchant,
    record: "transaction",
    key,
    deps,
    fetch: (client, signal) => client.getTransaction(key, signal),
    store: (live, startedAt) => upsertTransactionRows(db, [transactionRow(merchant.id, live)], startedAt),
    drop: () => db.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
  };
}

/**
 * One transaction from the mirror, refreshed from USAePay in the background when the copy is not
 * fresh (internal/live-detail.ts: the render never waits on USAePay). A key the mirror has never
 * seen: "not found" with no upstream call — or null for someone who may look it up live.
 */
export async function getTransactionDetail(viewer: Viewer, merchantSlug: string, key: string, deps?: GatewayDeps): Promise<TransactionDetail | null> {
  const merchant = await merchantFor(viewer, "transactions:read", { slug: merchantSlug });
  const row = await db.mirrorTransaction.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } } });
  if (!row) return notMirrored(viewer);
  const freshness = await keepFresh(liveTransaction(viewer, merchant, key, deps), row.syncedAt);
  return { ...freshness, transaction: toTransactionDto(row), mirroredAt: row.syncedAt.toISOString() };
}

/** "Look up live" of a key the mirror has not seen (yet): stored when USAePay has it. Audited. */
export async function lookUpTransactionLive(viewer: Viewer, merchantSlug: string, key: string, meta: RequestMeta, deps?: GatewayDeps): Promise<LookUpResult> {
  assertCan(viewer, "transactions:read");
  const merchant = await merchantFor(viewer, "mirror:lookup-live", { slug: merchantSlug });
  return auditedLookUp(liveTransaction(viewer, merchant, key, deps), meta);
}
