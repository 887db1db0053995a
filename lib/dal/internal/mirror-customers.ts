import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { MirrorBillingSchedule, MirrorPaymentMethod } from "@/lib/sync/mirror-rows";
import type { CustomerQuery } from "@/lib/validation/customers";
import type { Paged } from "@/lib/validation/table-state";
import { orderByOf, type SortKey } from "./keyset";
import { mirrorSearch } from "./mirror-search";
import { readPage } from "./paging";

/** Queries of the local customers mirror, by account id (the public DAL resolves the account first). */

/** A customers table row. */
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

/** The one definition of the customers table's filters, search included (page and export). */
export async function customerWhere(merchantAccountId: string, query: Pick<CustomerQuery, "q">): Promise<Prisma.MirrorCustomerWhereInput> {
  return { merchantAccountId, ...(await mirrorSearch("customers", merchantAccountId, query.q)).where };
}

/** The one definition of the table's orders, each ending in the row key (stable paging and exports). */
export function customerSortKeys(sort: CustomerQuery["sort"], dir: CustomerQuery["dir"]): SortKey[] {
  switch (sort) {
    case "newest":
      return [{ field: "gatewayId", dir, nullable: true }, { field: "key", dir }];
    case "name":
      return [{ field: "displayNameLower", dir }, { field: "key", dir: "asc" }];
    case "email":
      return [{ field: "email", dir, nullable: true }, { field: "key", dir: "asc" }];
    case "city":
      return [{ field: "city", dir, nullable: true }, { field: "key", dir: "asc" }];
  }
}

/** A page of the account's mirrored customers, searched and sorted. */
export async function listMirrorCustomers(merchantAccountId: string, query: CustomerQuery): Promise<Paged<CustomerDto>> {
  const search = await mirrorSearch("customers", merchantAccountId, query.q);
  const where: Prisma.MirrorCustomerWhereInput = { merchantAccountId, ...search.where };
  const orderBy = orderByOf(customerSortKeys(query.sort, query.dir)) as Prisma.MirrorCustomerOrderByWithRelationInput[];
  const page = await readPage(
    query,
    () => (search.total !== undefined ? Promise.resolve(search.total) : db.mirrorCustomer.count({ where })),
    (skip, take) => db.mirrorCustomer.findMany({ where, orderBy, skip, take }),
  );
  return { ...page, items: page.items.map(toDto) };
}

export function toCustomerDetailDto(row: Row): CustomerDetailDto {
  return {
    ...toDto(row),
    street: row.street, postalCode: row.postalCode, country: row.country, description: row.description,
    paymentMethods: parseList<MirrorPaymentMethod>(row.paymentMethodsJson),
    billingSchedules: parseList<MirrorBillingSchedule>(row.billingSchedulesJson),
    detailSyncedAt: row.detailSyncedAt?.toISOString() ?? null,
  };
}
