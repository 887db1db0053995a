import "server-only";
import type { Db } from "@/lib/db";
import type { TransactionRow } from "./mirror-rows";

type Client = Pick<Db, "mirrorTransaction">;

/** Card refunds, check refunds and voided refunds (docs/usaepay-api.md, "Transaction objects"). */
const REFUND_CODES = new Set(["C", "R", "Z"]);

/**
 * The public API names no link from a refund to its sale (docs/usaepay-api.md, "Linked refunds"),
 * so a gateway answer may arrive without one for a refund Paydesk itself made and linked. Rows
 * about to replace mirrored ones keep the link the mirror already holds, so such a refund stays a
 * "refund" (not a "credit") and still counts against its sale's refundable amount.
 */
export async function keepKnownRefundLinks(client: Client, merchantAccountId: string, rows: TransactionRow[]): Promise<TransactionRow[]> {
  const unlinked = rows.filter((row) => !row.refundOfKey && REFUND_CODES.has(row.typeCode ?? ""));
  if (unlinked.length === 0) return rows;
  const known = await client.mirrorTransaction.findMany({
    where: { merchantAccountId, key: { in: unlinked.map((row) => row.key) }, refundOfKey: { not: null } },
    select: { key: true, refundOfKey: true },
  });
  if (known.length === 0) return rows;
  const links = new Map(known.map((row) => [row.key, row.refundOfKey]));
  return rows.map((row) => {
    const refundOfKey = row.refundOfKey ?? links.get(row.key) ?? null;
    if (!refundOfKey || row.refundOfKey) return row;
    return { ...row, refundOfKey, kind: row.kind === "credit" ? "refund" : row.kind };
  });
}

/**
 * Writes one transaction (a money action's answer, a read after one) over its mirrored copy,
 * keeping a known refund link. It is the newest state there is: `stateAt` now, so a sync page
 * fetched before it and written after never replaces it (lib/sync/mirror-store.ts).
 */
export async function upsertMirrorTransaction(client: Client, row: TransactionRow, stateAt = new Date()): Promise<void> {
  const [kept] = await keepKnownRefundLinks(client, row.merchantAccountId, [row]);
  const data = { ...(kept ?? row), stateAt };
  await client.mirrorTransaction.upsert({ where: { merchantAccountId_key: { merchantAccountId: row.merchantAccountId, key: row.key } }, create: data, update: data });
}
