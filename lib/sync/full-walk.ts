import "server-only";
import type { Page } from "@/lib/payments/usaepay";
import { budgeted, rest, type SyncContext } from "./context";
import type { SyncResource } from "./lease";
import type { CursorUpdate } from "./mirror-store";

interface FullWalk<T> {
  resource: SyncResource;
  startOffset: number;
  knownTotal: number | null;
  fetchPage: (limit: number, offset: number, signal?: AbortSignal) => Promise<Page<T>>;
  /** Writes one page together with the cursor (one transaction), so a crash loses neither. */
  writePage: (items: T[], cursor: CursorUpdate) => Promise<void>;
}

/**
 * The first sync of a list: newest first, a page at a time from the stored cursor, each page
 * written with the next cursor; the last page switches the resource to incremental mode.
 */
export async function walkFullList<T>(ctx: SyncContext, walk: FullWalk<T>): Promise<void> {
  const cursor = { owner: ctx.owner, resource: walk.resource, leaseMs: ctx.settings.leaseMs, now: ctx.now };
  let offset = walk.startOffset;
  let total = walk.knownTotal;
  for (;;) {
    const startedAt = performance.now();
    const page = await budgeted(ctx, () => walk.fetchPage(ctx.settings.pageSize, offset, ctx.signal));
    const count = page.items.length;
    const done = count === 0 || offset + count >= page.total;
    // Rows deleted upstream shift older rows towards the head: step back so none is skipped.
    // New rows at the head shift them away: re-reading a few is harmless (writes are idempotent).
    const shift = total === null ? 0 : Math.min(0, page.total - total);
    const next = Math.max(0, offset + count + shift);
    await walk.writePage(page.items, {
      ...cursor,
      data: done
        ? { cursorOffset: 0, upstreamTotal: page.total, mode: "incremental", fullCompletedAt: new Date(ctx.now()), processedDelta: count }
        : { cursorOffset: next, upstreamTotal: page.total, processedDelta: count },
    });
    if (done) return;
    await rest(ctx, startedAt);
    offset = next;
    total = page.total;
  }
}
