import "server-only";
import { can } from "@/lib/auth/permissions";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { GatewayDeps } from "@/lib/gateways/clients";
import type { UsaepayCustomer } from "@/lib/payments/usaepay";
import type { RequestMeta } from "@/lib/request-meta";
import { storeCustomerDetail } from "@/lib/sync/sync-customers";
import type { CustomerQuery } from "@/lib/validation/customers";
import type { Paged } from "@/lib/validation/table-state";
import { assertCan } from "./internal/guards";
import { auditedLookUp, keepFresh, notMirrored, type DetailFreshness, type LiveRecordSpec, type LookUpResult } from "./internal/live-detail";
import { merchantFor, type MerchantDto } from "./internal/merchant-access";
import { merchantForTable } from "./internal/table-view";
import { listMirrorCustomers, toCustomerDetailDto, type CustomerDetailDto, type CustomerDto } from "./internal/mirror-customers";
import { listMirrorTransactions, type TransactionDto } from "./internal/mirror-transactions";

export type { CustomerDetailDto, CustomerDto } from "./internal/mirror-customers";

/** Customers from the local mirror; the detail page's copy is kept fresh from USAePay in the background. */
export async function listCustomers(viewer: Viewer, merchantSlug: string, query: CustomerQuery): Promise<Paged<CustomerDto>> {
  const merchant = await merchantForTable(viewer, "customers:read", merchantSlug);
  return listMirrorCustomers(merchant.id, query);
}

export type CustomerDetail = DetailFreshness & {
  customer: CustomerDetailDto;
  /** The customer's transactions from the mirror; null for a viewer who may not read transactions. */
  transactions: Paged<TransactionDto> | null;
};

/** Rows of the customer's transactions shown on the detail page. */
const CUSTOMER_TRANSACTIONS_PAGE_SIZE = 10;

function liveCustomer(viewer: Viewer, merchant: MerchantDto, key: string, deps?: GatewayDeps): LiveRecordSpec<UsaepayCustomer> {
  return {
    viewer,
    merchant,
    record: "customer",
    key,
    deps,
    fetch: (client, signal) => client.getCustomer(key, signal),
    store: (live) => storeCustomerDetail(merchant.id, live),
    drop: () => db.mirrorCustomer.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
  };
}

/**
 * One customer from the mirror. Payment methods and schedules only come with USAePay's detail
 * answer (stored masked), so the copy counts as confirmed from its last detail read; an older
 * one is refreshed in the background (internal/live-detail.ts). A key the mirror has never seen:
 * "not found" with no upstream call, or null for someone who may look it up live.
 */
export async function getCustomerDetail(viewer: Viewer, merchantSlug: string, key: string, page = 1, deps?: GatewayDeps): Promise<CustomerDetail | null> {
  const merchant = await merchantFor(viewer, "customers:read", { slug: merchantSlug });
  const row = await db.mirrorCustomer.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } } });
  if (!row) return notMirrored(viewer);
  const freshness = await keepFresh(liveCustomer(viewer, merchant, key, deps), row.detailSyncedAt);
  const transactions = can(viewer.role, "transactions:read")
    ? await listMirrorTransactions({ merchantAccountId: merchant.id, timeZone: zoneOf(viewer), customerKey: key }, { q: "", sort: "created", dir: "desc", page, pageSize: CUSTOMER_TRANSACTIONS_PAGE_SIZE })
    : null;
  return { ...freshness, customer: toCustomerDetailDto(row), transactions };
}

/** "Look up live" of a customer key the mirror has not seen (yet): stored when USAePay has it. Audited. */
export async function lookUpCustomerLive(viewer: Viewer, merchantSlug: string, key: string, meta: RequestMeta, deps?: GatewayDeps): Promise<LookUpResult> {
  assertCan(viewer, "customers:read");
  const merchant = await merchantFor(viewer, "mirror:lookup-live", { slug: merchantSlug });
  return auditedLookUp(liveCustomer(viewer, merchant, key, deps), meta);
}
