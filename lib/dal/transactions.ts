import "server-only";
import { can } from "@/lib/auth/permissions";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { UsaepayTransaction } from "@/lib/payments/usaepay";
import type { RequestMeta } from "@/lib/request-meta";
import { transactionRow } from "@/lib/sync/mirror-rows";
import { upsertTransactionRows } from "@/lib/sync/mirror-store";
import type { TransactionQuery } from "@/lib/validation/transactions";
import type { Paged } from "@/lib/validation/table-state";
import { auditedLookUp, keepFresh, notMirrored, perUserAllows, type DetailFreshness, type LiveRecordSpec, type LookUpResult } from "./internal/live-detail";
import { assertCan } from "./internal/guards";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { merchantForTable } from "./internal/table-view";
import { listMirrorTransactionsWithTotals, toTransactionDto, type TransactionDto, type TransactionTotals } from "./internal/mirror-transactions";
import { localTransactionFacts, readTransactionFacts } from "./internal/usaepay-money/facts";
import { moneyPanelFor, type TransactionMoneyPanel } from "./internal/usaepay-money/panel";

export type { TransactionDto, TransactionTotals } from "./internal/mirror-transactions";
export type { DetailFreshness, LookUpResult } from "./internal/live-detail";
export type { TransactionMoneyPanel } from "./internal/usaepay-money/panel";
export type { MoneyAttemptDto } from "./internal/money-attempts";

/**
 * Transactions: the table and the detail from the local mirror, kept fresh from USAePay.
 * Every function checks `transactions:read` and resolves the account by slug for this viewer,
 * so another account's keys in a URL answer "not found".
 */
/** A page of the table, with the totals row (count, gross, refunds, net) of every row the filters match, computed in the database. */
export async function listTransactions(viewer: Viewer, merchantSlug: string, query: TransactionQuery): Promise<Paged<TransactionDto> & { totals: TransactionTotals }> {
  const merchant = await merchantForTable(viewer, "transactions:read", merchantSlug);
  return listMirrorTransactionsWithTotals({ merchantAccountId: merchant.id, timeZone: zoneOf(viewer) }, query);
}

export type TransactionDetail = DetailFreshness & {
  transaction: TransactionDto;
  /** When the shown copy was last written to the mirror (a sync, a webhook, a live read). */
  mirroredAt: string;
  /** What may be done with its money, and what was done (actions only as the viewer's role permits). */
  money: TransactionMoneyPanel;
};

function liveTransaction(viewer: Viewer, merchant: MerchantDto, key: string, deps?: GatewayDeps): LiveRecordSpec<UsaepayTransaction> {
  return {
    viewer,
    merchant,
    record: "transaction",
    key,
    deps,
    fetch: (client, signal) => client.getTransaction(key, signal),
    store: (live, startedAt) => upsertTransactionRows(db, [transactionRow(merchant.id, live)], startedAt),
    drop: () => db.mirrorTransaction.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
  };
}

const MONEY_ACTIONS = ["transactions:refund", "transactions:void", "transactions:capture", "transactions:adjust"] as const;

/**
 * One transaction from the mirror. For someone who may move its money, the page asks USAePay
 * now (within their per-minute live reads and the budget's reserve) so the actions offered are
 * the gateway's own `available_actions`; failing that, they follow rules from the copy's status,
 * and the page says so. Everyone else gets the copy, refreshed in the background when it is not
 * fresh (internal/live-detail.ts: the render never waits on USAePay). A key the mirror has never
 * seen: "not found" with no upstream call, or null for someone who may look it up live.
 */
export async function getTransactionDetail(viewer: Viewer, merchantSlug: string, key: string, deps?: GatewayDeps): Promise<TransactionDetail | null> {
  const merchant = await merchantFor(viewer, "transactions:read", { slug: merchantSlug });
  const row = await db.mirrorTransaction.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } } });
  if (!row) return notMirrored(viewer);
  if (MONEY_ACTIONS.some((permission) => can(viewer.role, permission)) && (await perUserAllows(viewer))) {
    const facts = await readTransactionFacts(merchant, key, { missing: "not_found_page", deps });
    const freshness: DetailFreshness = facts.source === "live" ? { state: "fresh" } : { state: "stale", reason: facts.fallbackReason };
    return { ...freshness, transaction: facts.transaction, mirroredAt: facts.mirroredAt, money: await moneyPanelFor(viewer, merchant, facts) };
  }
  const freshness = await keepFresh(liveTransaction(viewer, merchant, key, deps), row.syncedAt);
  const facts = await localTransactionFacts(merchant.id, toTransactionDto(row), row.syncedAt.toISOString());
  return { ...freshness, transaction: facts.transaction, mirroredAt: facts.mirroredAt, money: await moneyPanelFor(viewer, merchant, facts) };
}

/** "Look up live" of a key the mirror has not seen (yet): stored when USAePay has it. Audited. */
export async function lookUpTransactionLive(viewer: Viewer, merchantSlug: string, key: string, meta: RequestMeta, deps?: GatewayDeps): Promise<LookUpResult> {
  assertCan(viewer, "transactions:read");
  const merchant = await merchantFor(viewer, "mirror:lookup-live", { slug: merchantSlug });
  return auditedLookUp(liveTransaction(viewer, merchant, key, deps), meta);
}
