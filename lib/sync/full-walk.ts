import "server-only";
import type { Page } from "@/lib/payments/usaepay";
import { budgeted, rest, type SyncContext } from "./context";
import type { SyncResource } from "./lease";
import { releasePageMemory } from "./memory";
import type { CursorUpdate } from "./mirror-store";

interface FullWalk<T, Row> {
  resource: SyncResource;
  startOffset: number;
  knownTotal: number | null;
  fetchPage: (limit: number, offset: number, signal?: AbortSignal) => Promise<Page<T>>;
  /** The page's items as mirror rows: only these outlive the read. */
  toRows: (items: T[]) => Row[];
  /** Writes one page together with the cursor (one transaction), so a crash loses neither; `fetchedAt` is when its read started. */
  writePage: (rows: Row[], cursor: CursorUpdate, fetchedAt: Date) => Promise<void>;
}

/**
 * The first sync of a list: newest first, a page at a time from the stored cursor, each page
 * written with the next cursor; the last page switches the resource to incremental mode.
 * A page is turned into rows as soon as it arrives, and its leftovers are collected before the
 * write and after it (./memory.ts), so the walk's memory stays near one page's rows.
 */
export async function walkFullList<T, Row>(ctx: SyncContext, walk: FullWalk<T, Row>): Promise<void> {
  const cursor = { owner: ctx.owner, resource: walk.resource, leaseMs: ctx.settings.leaseMs, now: ctx.now };
  let offset = walk.startOffset;
  let total = walk.knownTotal;
  for (;;) {
    const startedAt = performance.now();
    const fetchedAt = new Date(ctx.now());
    const { pageTotal, count, rows } = await budgeted(ctx, () => walk.fetchPage(ctx.settings.pageSize, offset, ctx.signal)).then((page) => ({
      pageTotal: page.total,
      count: page.items.length,
      rows: walk.toRows(page.items),
    }));
    releasePageMemory();
    const done = count === 0 || offset + count >= pageTotal;
    // Rows deleted upstream shift older rows towards the head: step back so none is skipped.
    // New rows at the head shift them away: re-reading a few is harmless (writes are idempotent).
    const shift = total === null ? 0 : Math.min(0, pageTotal - total);
    const next = Math.max(0, offset + count + shift);
    await walk.writePage(
      rows,
      {
        ...cursor,
        data: done
          ? { cursorOffset: 0, upstreamTotal: pageTotal, mode: "incremental", fullCompletedAt: new Date(ctx.now()), processedDelta: count }
          : { cursorOffset: next, upstreamTotal: pageTotal, processedDelta: count },
      },
      fetchedAt,
    );
    releasePageMemory();
    if (done) return;
    await rest(ctx, startedAt);
    offset = next;
    total = pageTotal;
  }
}
