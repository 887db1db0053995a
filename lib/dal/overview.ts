import "server-only";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import { assertCan } from "./internal/guards";
import { accessibleTo } from "./internal/merchant-access";
import { openBatchOf, type OpenBatchDto } from "./internal/open-batch";
import { dayBounds } from "./internal/overview-aggregates";
import { overviewDayRows } from "./internal/overview-day-cache";
import { summarize, type OverviewNumbers } from "./internal/overview-summary";

export type { PeriodTotals, Share } from "./internal/overview-summary";
export type { OpenBatchDto } from "./internal/open-batch";

export interface AccountStatusDto {
  slug: string;
  name: string;
  openBatch: OpenBatchDto | null;
  /** When the transactions mirror last finished a sync; null if never. */
  syncedAt: string | null;
  syncState: string;
  syncError: string | null;
}

export interface OverviewDto extends OverviewNumbers {
  accounts: { slug: string; name: string }[];
  /** The account the filter chose; null: every account the viewer may see. */
  selected: { slug: string; name: string } | null;
  /** The zone the days are in: the account's business zone (or the viewer's when accounts differ). */
  zone: string;
  statuses: AccountStatusDto[];
}

/**
 * The overview (/) for the accounts the viewer may see, or the one `account` names: today,
 * 7 and 30 days, the daily chart, decline reasons, card mix, each open batch and how fresh
 * each mirror is. Everything comes from the local mirror, computed in the database (each day
 * grouped again only when its rows change: internal/overview-day-cache.ts).
 */
export async function getOverview(viewer: Viewer, options: { account?: string; now?: Date } = {}): Promise<OverviewDto> {
  assertCan(viewer, "transactions:read");
  const now = options.now ?? new Date();
  const accounts = await db.merchantAccount.findMany({
    where: accessibleTo(viewer),
    select: { id: true, slug: true, name: true, businessTimeZone: true, batchCloseTime: true },
    orderBy: { name: "asc" },
  });
  const selected = options.account ? (accounts.find((account) => account.slug === options.account) ?? null) : null;
  const scope = selected ? [selected] : accounts;
  const zones = new Set(scope.map((account) => account.businessTimeZone ?? DEFAULT_TIME_ZONE));
  const zone = zones.size === 1 ? [...zones][0]! : zoneOf(viewer);

  const { days, starts } = dayBounds(now, zone);
  const ids = scope.map((account) => account.id);
  const [{ kinds, reasons }, syncStates, batches] = await Promise.all([
    overviewDayRows(ids, starts, now.getTime()),
    db.syncState.findMany({ where: { merchantAccountId: { in: ids }, resource: "transactions" }, select: { merchantAccountId: true, status: true, lastSuccessAt: true, lastError: true } }),
    Promise.all(scope.map((account) => openBatchOf(account, now))),
  ]);

  return {
    ...summarize(days, kinds, reasons),
    accounts: accounts.map(({ slug, name }) => ({ slug, name })),
    selected: selected ? { slug: selected.slug, name: selected.name } : null,
    zone,
    statuses: scope.map((account, index) => {
      const state = syncStates.find((candidate) => candidate.merchantAccountId === account.id);
      return {
        slug: account.slug,
        name: account.name,
        openBatch: batches[index] ?? null,
        syncedAt: state?.lastSuccessAt?.toISOString() ?? null,
        syncState: state?.status ?? "never",
        syncError: state?.lastError ?? null,
      };
    }),
  };
}
