import "server-only";
import { lastPage, type Paged, type PageParams } from "@/lib/validation/table-state";

/**
 * One page of a list, counted and read together. A page past the end (a stale link, a
 * hand-edited `?page=999999`) answers the last page rather than an empty table whose pager
 * says "24,999,951–68,000 of 68,000"; only then is the page read a second time.
 */
export async function readPage<T>({ page, pageSize }: PageParams, count: () => Promise<number>, find: (skip: number, take: number) => Promise<T[]>): Promise<Paged<T>> {
  const [total, items] = await Promise.all([count(), find((page - 1) * pageSize, pageSize)]);
  const last = lastPage(total, pageSize);
  if (page <= last) return { items, total, page, pageSize };
  return { items: await find((last - 1) * pageSize, pageSize), total, page: last, pageSize };
}
