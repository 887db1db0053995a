import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { TransactionQuery } from "@/lib/validation/transactions";
import type { Paged } from "@/lib/validation/table-state";
import type { LiveRead } from "./internal/live-detail";
import { merchantFor } from "./internal/merchant-access";
import { merchantForTable } from "./internal/table-view";
import { listMirrorTransactionsWithTotals, type TransactionDto, type TransactionTotals } from "./internal/mirror-transactions";
import { readTransactionFacts } from "./internal/usaepay-money/facts";
import { moneyPanelFor, type TransactionMoneyPanel } from "./internal/usaepay-money/panel";

export type { TransactionDto, TransactionTotals } from "./internal/mirror-transactions";
export type { TransactionMoneyPanel } from "./internal/usaepay-money/panel";
export type { MoneyAttemptDto } from "./internal/money-attempts";

/**
 * Transactions: the table from the local mirror, the detail live from USAePay when it can be.
 * Every function checks `transactions:read` and resolves the account by slug for this viewer,
 * so another account's keys in a URL answer "not found".
 */
/** A page of the table, with the totals row (count, gross, refunds, net) of every row the filters match, computed in the database. */
export async function listTransactions(viewer: Viewer, merchantSlug: string, query: TransactionQuery): Promise<Paged<TransactionDto> & { totals: TransactionTotals }> {
  const merchant = await merchantForTable(viewer, "transactions:read", merchantSlug);
  return listMirrorTransactionsWithTotals(merchant.id, query);
}

export type TransactionDetail = LiveRead & {
  transaction: TransactionDto;
  /** When the shown copy was last written to the mirror. */
  mirroredAt: string;
  /** What may be done with its money, and what was done (actions only as the viewer's role permits). */
  money: TransactionMoneyPanel;
};

/** One transaction, live from USAePay (written back to the mirror) or the mirror's marked copy. */
export async function getTransactionDetail(viewer: Viewer, merchantSlug: string, key: string, deps?: Pick<GatewayDeps, "fetch">): Promise<TransactionDetail> {
  const merchant = await merchantFor(viewer, "transactions:read", { slug: merchantSlug });
  const facts = await readTransactionFacts(merchant, key, { missing: "not_found_page", deps });
  return { source: facts.source, fallbackReason: facts.fallbackReason, transaction: facts.transaction, mirroredAt: facts.mirroredAt, money: await moneyPanelFor(viewer, merchant, facts) };
}
