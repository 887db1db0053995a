import "server-only";

/**
 * A table's sort as data, so one definition gives both the page's ORDER BY and the keyset
 * conditions an export walks the whole set with. The last key must be unique within the
 * filtered set (the row key), so the order is total and no row is skipped or repeated.
 * Only the first key may be nullable; nulls sort last in either direction, on both providers.
 */
export interface SortKey {
  field: string;
  dir: "asc" | "desc";
  nullable?: boolean;
}

type Where = Record<string, unknown>;
type Row = Record<string, unknown>;

/** Prisma's orderBy for the keys (nullable ones with `nulls: "last"`). */
export function orderByOf(keys: readonly SortKey[]): Record<string, unknown>[] {
  return keys.map((key) => ({ [key.field]: key.nullable ? { sort: key.dir, nulls: "last" } : key.dir }));
}

/**
 * Rows strictly after `row` in the order of `keys`, all of whose values are non-null:
 * (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …, plus a plain bound on k1 that lets the
 * database walk its index from the last row instead of from the start.
 */
function afterRow(keys: readonly SortKey[], row: Row): Where {
  const branches: Where[] = keys.map((key, index) => {
    const equal = keys.slice(0, index).map((earlier) => ({ [earlier.field]: row[earlier.field] }));
    return { AND: [...equal, { [key.field]: { [key.dir === "asc" ? "gt" : "lt"]: row[key.field] } }] };
  });
  const [first] = keys as [SortKey];
  return { AND: [{ [first.field]: { [first.dir === "asc" ? "gte" : "lte"]: row[first.field] } }, { OR: branches }] };
}

export interface KeysetWalk<T extends Row> {
  where: Where;
  keys: readonly SortKey[];
  batchSize: number;
  fetch: (args: { where: Where; orderBy: Record<string, unknown>[]; take: number }) => Promise<T[]>;
}

/**
 * The whole filtered set in order, one batch at a time: each batch is a fresh indexed query
 * that starts after the last row of the one before (never OFFSET), so memory stays flat and a
 * late batch costs what an early one does. A nullable first key is walked in two segments,
 * its non-null values first and then its nulls, which is where "nulls last" puts them.
 */
export async function* keysetBatches<T extends Row>({ where, keys, batchSize, fetch }: KeysetWalk<T>): AsyncGenerator<T[]> {
  const [first, ...rest] = keys as [SortKey, ...SortKey[]];
  const segments: { where: Where; keys: readonly SortKey[] }[] = first.nullable
    ? [
        { where: { AND: [where, { [first.field]: { not: null } }] }, keys: [{ ...first, nullable: false }, ...rest] },
        { where: { AND: [where, { [first.field]: null }] }, keys: rest },
      ]
    : [{ where, keys }];

  for (const segment of segments) {
    const orderBy = orderByOf(segment.keys);
    let last: T | undefined;
    for (;;) {
      const batch = await fetch({ where: last ? { AND: [segment.where, afterRow(segment.keys, last)] } : segment.where, orderBy, take: batchSize });
      if (batch.length > 0) yield batch;
      if (batch.length < batchSize) break;
      last = batch[batch.length - 1];
    }
  }
}
