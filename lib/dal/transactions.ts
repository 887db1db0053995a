import "server-only";
import { notFound } from "next/navigation";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { transactionRow } from "@/lib/sync/mirror-rows";
import type { TransactionQuery } from "@/lib/validation/transactions";
import type { Paged } from "@/lib/validation/table-state";
import { readLive, type LiveRead } from "./internal/live-detail";
import { merchantFor } from "./internal/merchant-access";
import { merchantForTable } from "./internal/table-view";
import { listMirrorTransactions, toTransactionDto, type TransactionDto } from "./internal/mirror-transactions";

export type { TransactionDto } from "./internal/mirror-transactions";

/**
 * Transactions: the table from the local mirror, the detail live from USAePay when it can be.
 * Every function checks `transactions:read` and resolves the account by slug for this viewer,
 * so another account's keys in a URL answer "not found".
 */
export async function listTransactions(viewer: Viewer, merchantSlug: string, query: TransactionQuery): Promise<Paged<TransactionDto>> {
  const merchant = await merchantForTable(viewer, "transactions:read", merchantSlug);
  return listMirrorTransactions({ merchantAccountId: merchant.id, timeZone: zoneOf(viewer) }, query);
}

export type TransactionDetail = LiveRead & {
  transaction: TransactionDto;
  /** When the shown copy was last written to the mirror. */
  mirroredAt: string;
};

/** One transaction, live from USAePay (written back to the mirror) or the mirror's marked copy. */
export async function getTransactionDetail(viewer: Viewer, merchantSlug: string, key: string): Promise<TransactionDetail> {
  const merchant = await merchantFor(viewer, "transactions:read", { slug: merchantSlug });
  const where = { merchantAccountId_key: { merchantAccountId: merchant.id, key } };
  const read = await readLive({
    merchant,
    record: "transaction",
    fetch: (client, signal) => client.getTransaction(key, signal),
    store: (live) => {
      const row = transactionRow(merchant.id, live);
      return db.mirrorTransaction.upsert({ where, create: row, update: row });
    },
    drop: () => db.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
  });
  const row = await db.mirrorTransaction.findUnique({ where });
  if (!row) notFound();
  return { ...read, transaction: toTransactionDto(row), mirroredAt: row.syncedAt.toISOString() };
}
