import "server-only";
import { db, Prisma } from "@/lib/db";
import { bucketOf, declineReasons, kindTotals, type KindRow, type ReasonRow } from "./overview-aggregates";

/**
 * The overview's day rows per account, kept between views so that only the days whose rows
 * changed are grouped again. Why: grouping a dense account (100,000 rows in 30 days) costs a few
 * hundred milliseconds on SQLite, while the sync and webhooks rewrite only a few recent rows.
 *
 * How a change is seen (each instance keeps its own copy; the database decides, so several
 * instances stay right):
 * - every write to a mirrored transaction sets its `syncedAt` (Prisma's @updatedAt, and the
 *   sync's raw upsert), so rows written since the last look name the days to group again, by
 *   their createdAt (a void that changes an old sale's kind lands on that sale's day);
 * - until the newest `syncedAt` has stood for LATE_WRITE_MS, rows are looked for from that long
 *   before it (a transaction that committed after a later one, an instance whose clock is a little
 *   behind); once it has stood that long ("settled"), only rows after it count;
 * - the window's row count must equal the cached days' counts, which catches deletions;
 * - and any day grouped more than REGROUP_MS ago is grouped again regardless.
 * A day is keyed by its bounds (instants), so one entry serves every zone whose day it is.
 */
const LATE_WRITE_MS = 60_000;
const REGROUP_MS = 10 * 60_000;

interface DayEntry {
  kinds: Omit<KindRow, "day">[];
  reasons: Omit<ReasonRow, "day">[];
  rows: number;
  groupedAt: number;
}

interface AccountDays {
  /** The newest `syncedAt` seen, when it was first seen (the caller's clock), and whether it has stood long enough. */
  seenUpTo: Date | null;
  seenSince: number;
  settled: boolean;
  days: Map<string, DayEntry>;
}

const accounts = new Map<string, AccountDays>();

/** How many days were grouped in the database since start: what the cache saves, for its tests. */
export const dayCacheCounters = { groupedDays: 0 };

const dayKey = (start: Date, end: Date) => `${start.toISOString()}/${end.toISOString()}`;

/** The day rows (day = index into `starts`) of these accounts: from the cache where still right. */
export async function overviewDayRows(accountIds: string[], starts: Date[], now: number): Promise<{ kinds: KindRow[]; reasons: ReasonRow[] }> {
  const perAccount = await Promise.all(accountIds.map((id) => accountDayRows(id, starts, now)));
  return { kinds: perAccount.flatMap((rows) => rows.kinds), reasons: perAccount.flatMap((rows) => rows.reasons) };
}

async function accountDayRows(accountId: string, starts: Date[], now: number): Promise<{ kinds: KindRow[]; reasons: ReasonRow[] }> {
  const account = accounts.get(accountId) ?? { seenUpTo: null, seenSince: now, settled: false, days: new Map<string, DayEntry>() };
  accounts.set(accountId, account);
  const keys = starts.slice(0, -1).map((start, index) => dayKey(start, starts[index + 1]!));
  const window = new Set(keys);

  const newest = (await db.mirrorTransaction.aggregate({ where: { merchantAccountId: accountId }, _max: { syncedAt: true } }))._max.syncedAt;
  const seen = account.seenUpTo;
  const unchanged = seen !== null && newest !== null && newest.getTime() === seen.getTime();
  if (seen && account.days.size > 0 && !(account.settled && unchanged)) {
    const written = account.settled ? Prisma.sql`"syncedAt" > ${seen}` : Prisma.sql`"syncedAt" >= ${new Date(seen.getTime() - LATE_WRITE_MS)}`;
    for (const day of await changedDays(accountId, starts, written)) account.days.delete(keys[day]!);
  }
  if (newest && (!seen || newest > seen)) Object.assign(account, { seenUpTo: newest, seenSince: now, settled: false });
  else if (!account.settled && now - account.seenSince > LATE_WRITE_MS) account.settled = true;
  for (const [key, entry] of account.days) if (!window.has(key) || now - entry.groupedAt > REGROUP_MS) account.days.delete(key);

  // This view answers from its own copy of the entries: another view may drop shared ones meanwhile.
  const days = new Map(keys.flatMap((key) => (account.days.has(key) ? [[key, account.days.get(key)!] as const] : [])));
  await groupMissing(accountId, starts, keys, days, account, now);
  const cachedRows = keys.reduce((sum, key) => sum + days.get(key)!.rows, 0);
  const windowRows = await db.mirrorTransaction.count({ where: { merchantAccountId: accountId, createdAt: { gte: starts[0], lt: starts[starts.length - 1] } } });
  if (cachedRows !== windowRows) {
    // Rows left the window's days (a deletion), or came while this view grouped: group every day again.
    days.clear();
    account.days.clear();
    await groupMissing(accountId, starts, keys, days, account, now);
  }

  return {
    kinds: keys.flatMap((key, day) => days.get(key)!.kinds.map((row) => ({ ...row, day }))),
    reasons: keys.flatMap((key, day) => days.get(key)!.reasons.map((row) => ({ ...row, day }))),
  };
}

/** The days (indices) holding rows `written` (a condition on syncedAt) says changed. */
async function changedDays(accountId: string, starts: Date[], written: Prisma.Sql): Promise<number[]> {
  const rows = await db.$queryRaw<{ day: unknown }[]>(Prisma.sql`
    SELECT DISTINCT ${bucketOf(starts)} AS "day" FROM "MirrorTransaction"
    WHERE "merchantAccountId" = ${accountId} AND ${written} AND "createdAt" >= ${starts[0]} AND "createdAt" < ${starts[starts.length - 1]}`);
  return rows.map((row) => Number(row.day));
}

/**
 * Groups each run of days this view lacks with one query pair, and stores every day of it (empty
 * ones too) for this view and in the cache; entries this view only read are never written back.
 */
async function groupMissing(accountId: string, starts: Date[], keys: string[], days: Map<string, DayEntry>, account: AccountDays, now: number) {
  for (const [first, last] of missingRuns(keys, days)) {
    const bounds = starts.slice(first, last + 2);
    const [kinds, reasons] = await Promise.all([kindTotals([accountId], bounds), declineReasons([accountId], bounds)]);
    for (let offset = 0; offset <= last - first; offset += 1) {
      const dayKinds = kinds.filter((row) => row.day === offset).map(({ day: _day, ...row }) => row);
      const entry = {
        kinds: dayKinds,
        reasons: reasons.filter((row) => row.day === offset).map(({ day: _day, ...row }) => row),
        rows: dayKinds.reduce((sum, row) => sum + row.count, 0),
        groupedAt: now,
      };
      days.set(keys[first + offset]!, entry);
      account.days.set(keys[first + offset]!, entry);
    }
    dayCacheCounters.groupedDays += last - first + 1;
  }
}

/** [first, last] index pairs of consecutive days not in the cache. */
function missingRuns(keys: string[], days: Map<string, DayEntry>): [number, number][] {
  const runs: [number, number][] = [];
  keys.forEach((key, index) => {
    if (days.has(key)) return;
    const run = runs[runs.length - 1];
    if (run && run[1] === index - 1) run[1] = index;
    else runs.push([index, index]);
  });
  return runs;
}

/** Drops every cached day (bench/overview.ts measures the grouping itself with it). */
export function forgetOverviewDays() {
  accounts.clear();
}
