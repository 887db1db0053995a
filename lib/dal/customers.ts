import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/auth/session";
import { db, Prisma } from "@/lib/db";
import { logger } from "@/lib/logger";
import { isGatewayError } from "@/lib/payments/http";
import type { MirrorBillingSchedule, MirrorPaymentMethod } from "@/lib/sync/mirror-rows";
import { budgetFor } from "@/lib/sync/runner";
import { storeCustomerDetail } from "@/lib/sync/sync-customers";
import type { CustomerQuery } from "@/lib/validation/customers";
import type { Paged } from "@/lib/validation/pagination";
import { usaepayClientFor } from "./gateway-clients";
import { getAccessibleMerchant } from "./merchants";
import { LIVE_DEADLINE_MS, listMirrorTransactions, type TransactionDto } from "./transactions";

/** Customers from the local mirror; the detail page refreshes one customer live when it can. */
export interface CustomerDto {
  key: string;
  customerNumber: string | null;
  displayName: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  paymentMethodCount: number | null;
}

export interface CustomerDetailDto extends CustomerDto {
  street: string | null;
  postalCode: string | null;
  country: string | null;
  description: string | null;
  paymentMethods: MirrorPaymentMethod[] | null;
  billingSchedules: MirrorBillingSchedule[] | null;
  detailSyncedAt: string | null;
}

type Row = Prisma.MirrorCustomerGetPayload<object>;

function parseList<T>(json: string | null): T[] | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T[];
  } catch {
    return null;
  }
}

function toDto(row: Row): CustomerDto {
  return {
    key: row.key, customerNumber: row.customerNumber, displayName: row.displayName, company: row.company, email: row.email, phone: row.phone,
    city: row.city, state: row.state, paymentMethodCount: parseList(row.paymentMethodsJson)?.length ?? null,
  };
}

const ORDER: Record<CustomerQuery["sort"], (dir: Prisma.SortOrder) => Prisma.MirrorCustomerOrderByWithRelationInput[]> = {
  newest: (dir) => [{ gatewayId: dir }, { key: dir }],
  name: (dir) => [{ displayNameLower: dir }, { key: "asc" }],
  email: (dir) => [{ email: dir }, { key: "asc" }],
  city: (dir) => [{ city: dir }, { key: "asc" }],
};

export async function listCustomers(viewer: Viewer, merchantSlug: string, query: CustomerQuery): Promise<Paged<CustomerDto>> {
  const merchant = await getAccessibleMerchant(viewer, merchantSlug);
  const q = query.q.toLowerCase();
  const where: Prisma.MirrorCustomerWhereInput = { merchantAccountId: merchant.id, ...(q ? { search: { contains: q } } : {}) };
  const [rows, total] = await Promise.all([
    db.mirrorCustomer.findMany({ where, orderBy: ORDER[query.sort](query.dir), skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.mirrorCustomer.count({ where }),
  ]);
  return { items: rows.map(toDto), total, page: query.page, pageSize: query.pageSize };
}

export interface CustomerDetail {
  customer: CustomerDetailDto;
  source: "live" | "mirror";
  fallbackReason?: string;
  transactions: Paged<TransactionDto>;
}

/**
 * One customer: fetched live when the key's budget allows (payment methods and schedules only
 * come with the detail answer, and are stored masked), else the mirror's copy, marked as such.
 */
export async function getCustomerDetail(viewer: Viewer, merchantSlug: string, key: string, page = 1): Promise<CustomerDetail> {
  const merchant = await getAccessibleMerchant(viewer, merchantSlug);
  const where = { merchantAccountId_key: { merchantAccountId: merchant.id, key } };
  let source: CustomerDetail["source"] = "mirror";
  let fallbackReason: string | undefined;
  try {
    const budget = await budgetFor(merchant.id);
    if (await budget.isExhausted()) throw new Error("budget");
    const client = await usaepayClientFor(merchant, { timeoutMs: 3000, onRateLimit: (info) => void budget.record(info).catch(() => undefined) });
    // A deadline over the client's retries too: the page falls back rather than keep people waiting.
    await storeCustomerDetail(merchant.id, await client.getCustomer(key, AbortSignal.timeout(LIVE_DEADLINE_MS)));
    source = "live";
  } catch (error) {
    if (isGatewayError(error) && error.kind === "not_found") {
      // Gone upstream: drop the stale copy too.
      await db.mirrorCustomer.deleteMany({ where: { merchantAccountId: merchant.id, key } });
      notFound();
    }
    fallbackReason = isGatewayError(error) ? error.userMessage : "USAePay could not be reached or its rate limit is used up for the moment.";
    if (!isGatewayError(error)) logger.warn({ merchantId: merchant.id, err: error instanceof Error ? error.message : "unknown" }, "live customer fetch failed");
  }
  const row = await db.mirrorCustomer.findUnique({ where });
  if (!row) notFound();
  const transactions = await listMirrorTransactions(merchant.id, { q: "", sort: "created", dir: "desc", page, pageSize: 10 }, key);
  return {
    source,
    fallbackReason,
    transactions,
    customer: {
      ...toDto(row),
      street: row.street, postalCode: row.postalCode, country: row.country, description: row.description,
      paymentMethods: parseList<MirrorPaymentMethod>(row.paymentMethodsJson),
      billingSchedules: parseList<MirrorBillingSchedule>(row.billingSchedulesJson),
      detailSyncedAt: row.detailSyncedAt?.toISOString() ?? null,
    },
  };
}
