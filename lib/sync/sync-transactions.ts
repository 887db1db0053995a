import "server-only";
import { db } from "@/lib/db";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import { budgeted, rest, type SyncContext } from "./context";
import { transactionRow } from "./mirror-rows";
import { walkFullList } from "./full-walk";
import { countKnownTransactions, writeTransactionPage } from "./mirror-store";

/**
 * Transactions: the first run walks the whole list (newest first, 1000 a page) from the
 * stored cursor; later runs read from the head until they reach known rows older than the
 * recent window, then re-read pending batches older than that window, so voids and
 * settlements of older rows arrive too (status codes and batches: docs/usaepay-api.md, Transactions and Batches).
 */
export async function syncTransactions(ctx: SyncContext): Promise<void> {
  const state = await db.syncState.findUniqueOrThrow({ where: { merchantAccountId_resource: { merchantAccountId: ctx.merchantAccountId, resource: "transactions" } } });
  if (state.mode === "full") {
    await walkFullList(ctx, {
      resource: "transactions",
      startOffset: state.cursorOffset,
      knownTotal: state.upstreamTotal,
      fetchPage: (limit, offset, signal) => ctx.client.listTransactions({ limit, offset, signal }),
      toRows: (items) => rows(ctx, items),
      writePage: (pageRows, cursor, fetchedAt) => writeTransactionPage(ctx.merchantAccountId, pageRows, cursor, fetchedAt),
    });
  } else await incremental(ctx);
}

const cursorFor = (ctx: SyncContext) => ({ owner: ctx.owner, resource: "transactions" as const, leaseMs: ctx.settings.leaseMs, now: ctx.now });

async function incremental(ctx: SyncContext) {
  const windowStart = ctx.now() - ctx.settings.recentWindowMs;
  let offset = 0;
  let oldestSeen = Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  for (;;) {
    const startedAt = performance.now();
    const fetchedAt = new Date(ctx.now());
    const page = await budgeted(ctx, () => ctx.client.listTransactions({ limit: ctx.settings.pageSize, offset, signal: ctx.signal }));
    const keys = page.items.map((tx) => tx.key);
    const known = await countKnownTransactions(ctx.merchantAccountId, keys);
    await writeTransactionPage(ctx.merchantAccountId, rows(ctx, page.items), { ...cursorFor(ctx), data: { upstreamTotal: page.total, processedDelta: page.items.length } }, fetchedAt);
    keys.forEach((key) => seen.add(key));
    for (const tx of page.items) oldestSeen = Math.min(oldestSeen, tx.createdAt ? Date.parse(tx.createdAt) : 0);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
    if (known > 0 && oldestSeen < windowStart) break;
    await rest(ctx, startedAt);
  }
  await recheckPendingBatches(ctx, oldestSeen, seen);
}

/** Batches with rows still pending settlement that the head walk did not cover. */
async function recheckPendingBatches(ctx: SyncContext, coveredFrom: number, seen: Set<string>) {
  // Rows the head walk already saw are left out here, in memory: a NOT IN over thousands of
  // keys would pass the database's limit on bound values. Pending rows are few (open batches).
  const pendingRows = await db.mirrorTransaction.findMany({
    where: { merchantAccountId: ctx.merchantAccountId, statusCode: { in: ["P", "N"] }, batchKey: { not: null }, createdAt: { lte: new Date(Number.isFinite(coveredFrom) ? coveredFrom : ctx.now()) } },
    select: { key: true, batchKey: true },
    orderBy: { batchKey: "asc" },
  });
  const batchKeys = [...new Set(pendingRows.filter((row) => !seen.has(row.key)).map((row) => row.batchKey))].slice(0, ctx.settings.maxOpenBatches);
  const pending = batchKeys.map((batchKey) => ({ batchKey }));
  for (const { batchKey } of pending) {
    if (!batchKey) continue;
    let offset = 0;
    for (;;) {
      const fetchedAt = new Date(ctx.now());
      const page = await budgeted(ctx, () => ctx.client.listBatchTransactions(batchKey, { limit: ctx.settings.pageSize, offset, signal: ctx.signal }));
      const fresh = page.items.filter((tx) => !seen.has(tx.key));
      await writeTransactionPage(ctx.merchantAccountId, rows(ctx, fresh), { ...cursorFor(ctx), data: { processedDelta: fresh.length } }, fetchedAt);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
  }
}

function rows(ctx: SyncContext, items: UsaepayTransaction[]) {
  return items.map((tx) => transactionRow(ctx.merchantAccountId, tx));
}
