import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { storeCustomerDetail } from "@/lib/sync/sync-customers";
import type { CustomerQuery } from "@/lib/validation/customers";
import type { Paged } from "@/lib/validation/table-state";
import { readLive, type LiveRead } from "./internal/live-detail";
import { merchantFor } from "./internal/merchant-access";
import { merchantForTable } from "./internal/table-view";
import { listMirrorCustomers, toCustomerDetailDto, type CustomerDetailDto, type CustomerDto } from "./internal/mirror-customers";
import { listMirrorTransactions, type TransactionDto } from "./internal/mirror-transactions";

export type { CustomerDetailDto, CustomerDto } from "./internal/mirror-customers";

/** Customers from the local mirror; the detail page refreshes one customer live when it can. */
export async function listCustomers(viewer: Viewer, merchantSlug: string, query: CustomerQuery): Promise<Paged<CustomerDto>> {
  const merchant = await merchantForTable(viewer, "customers:read", merchantSlug);
  return listMirrorCustomers(merchant.id, query);
}

export type CustomerDetail = LiveRead & {
  customer: CustomerDetailDto;
  /** The customer's transactions from the mirror; null for a viewer who may not read transactions. */
  transactions: Paged<TransactionDto> | null;
};

/** Rows of the customer's transactions shown on the detail page. */
const CUSTOMER_TRANSACTIONS_PAGE_SIZE = 10;

/**
 * One customer: fetched live when the key's budget allows (payment methods and schedules only
 * come with the detail answer, and are stored masked), else the mirror's copy, marked as such.
 */
export async function getCustomerDetail(viewer: Viewer, merchantSlug: string, key: string, page = 1): Promise<CustomerDetail> {
  const merchant = await merchantFor(viewer, "customers:read", { slug: merchantSlug });
  const read = await readLive({
    merchant,
    record: "customer",
    fetch: (client, signal) => client.getCustomer(key, signal),
    store: (live) => storeCustomerDetail(merchant.id, live),
    drop: () => db.mirrorCustomer.deleteMany({ where: { merchantAccountId: merchant.id, key } }),
  });
  const row = await db.mirrorCustomer.findUnique({ where: { merchantAccountId_key: { merchantAccountId: merchant.id, key } } });
  if (!row) notFound();
  const transactions = can(viewer.role, "transactions:read")
    ? await listMirrorTransactions({ merchantAccountId: merchant.id, timeZone: zoneOf(viewer), customerKey: key }, { q: "", sort: "created", dir: "desc", page, pageSize: CUSTOMER_TRANSACTIONS_PAGE_SIZE })
    : null;
  return { ...read, customer: toCustomerDetailDto(row), transactions };
}
