import "server-only";
import { db, type Db } from "@/lib/db";
import type { UsaepayBatch, UsaepayClient } from "@/lib/payments/usaepay";

/**
 * The local copy of settlement batches (MirrorBatch). Read on demand, not by the background
 * sync: a page of the batch list costs one call for up to 1000 batches, and closed batches never
 * change, so the batches pages refresh it at most once a minute and otherwise read from here.
 * List items carry sales and credits; only the detail carries voids (docs/usaepay-api.md, "Batches").
 */
type Client = Pick<Db, "mirrorBatch">;

/** Batch list rows read per refresh once the account's whole list has been read once. */
export const RECENT_BATCHES = 100;

function listFields(batch: UsaepayBatch) {
  return {
    refnum: batch.refnum ?? null,
    sequence: batch.sequence ?? null,
    status: batch.status,
    openedAt: batch.openedAt ? new Date(batch.openedAt) : null,
    closedAt: batch.closedAt ? new Date(batch.closedAt) : null,
    salesCount: batch.salesCount ?? null,
    salesCents: batch.salesCents ?? null,
    refundsCount: batch.refundsCount ?? null,
    refundsCents: batch.refundsCents ?? null,
    netCents: batch.netCents ?? null,
  };
}

type ListFields = ReturnType<typeof listFields>;

function changed(before: Record<string, unknown>, after: ListFields): boolean {
  return (Object.keys(after) as (keyof ListFields)[]).some((field) => {
    const a = before[field];
    const b = after[field];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });
}

/** Writes list items; existing rows keep their detail-only figures (voids, total count). */
export async function writeBatchList(merchantAccountId: string, batches: UsaepayBatch[], listedAt: Date): Promise<void> {
  const unique = [...new Map(batches.filter((batch) => batch.key).map((batch) => [batch.key, batch])).values()];
  await db.$transaction(
    async (tx) => {
      const existing = new Map((await tx.mirrorBatch.findMany({ where: { merchantAccountId, key: { in: unique.map((batch) => batch.key) } } })).map((row) => [row.key, row]));
      const fresh = unique.filter((batch) => !existing.has(batch.key)).map((batch) => ({ merchantAccountId, key: batch.key, ...listFields(batch), listedAt }));
      if (fresh.length) await tx.mirrorBatch.createMany({ data: fresh });
      for (const batch of unique) {
        const before = existing.get(batch.key);
        if (!before) continue;
        const fields = listFields(batch);
        // A batch whose figures changed must be read again for its voids; an unchanged one keeps them.
        const data = changed(before, fields) ? { ...fields, listedAt, detailReadAt: null } : { listedAt };
        await tx.mirrorBatch.update({ where: { merchantAccountId_key: { merchantAccountId, key: batch.key } }, data });
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** Writes one batch's detail answer (voids and the total count included). */
export async function writeBatchDetail(merchantAccountId: string, batch: UsaepayBatch, client: Client = db): Promise<void> {
  const detail = { ...listFields(batch), voidsCount: batch.voidsCount ?? 0, voidsCents: batch.voidsCents ?? 0, totalCount: batch.totalCount ?? null, detailReadAt: new Date() };
  await client.mirrorBatch.upsert({
    where: { merchantAccountId_key: { merchantAccountId, key: batch.key } },
    create: { merchantAccountId, key: batch.key, ...detail },
    update: detail,
  });
}

/**
 * Reads the batch list: every page the first time (an account has about one batch a day), then
 * only the newest RECENT_BATCHES, which cover everything that can still change.
 */
export async function refreshBatchList(merchantAccountId: string, client: UsaepayClient, signal?: AbortSignal): Promise<void> {
  const known = await db.mirrorBatch.count({ where: { merchantAccountId, listedAt: { not: null } } });
  const listedAt = new Date();
  if (known > 0) {
    const page = await client.listBatches({ limit: RECENT_BATCHES, offset: 0, signal });
    await writeBatchList(merchantAccountId, page.items, listedAt);
    return;
  }
  for await (const page of client.iterateBatches({ signal })) await writeBatchList(merchantAccountId, page.items, listedAt);
}
