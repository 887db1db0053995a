import "server-only";
import { db, type Prisma } from "@/lib/db";
import { CUSTOMER_COLUMNS, customerHref, parseCustomerQuery } from "@/lib/validation/customers";
import { keysetBatches } from "../keyset";
import { customerSortKeys, customerWhere } from "../mirror-customers";
import { defineExportTable } from "./types";

const select = {
  key: true, gatewayId: true, customerNumber: true, displayName: true, displayNameLower: true, company: true, email: true, phone: true, street: true,
  city: true, state: true, postalCode: true, country: true, description: true, paymentMethodsJson: true,
} as const satisfies Prisma.MirrorCustomerSelect;
type Row = Prisma.MirrorCustomerGetPayload<{ select: typeof select }>;

/** Saved methods as the table's detail shows them: brand and last four only (the mirror holds nothing more). */
function methodsOf(json: string | null): string | null {
  if (!json) return null;
  try {
    const methods = JSON.parse(json) as { name?: string | null; brand?: string | null; last4?: string | null }[];
    return methods.map((method) => [method.brand ?? method.name ?? "Method", method.last4].filter(Boolean).join(" ")).join("; ");
  } catch {
    return null;
  }
}

/** The customers table of one account, from the mirror: the table's search and sort. */
export const customersExport = defineExportTable<Row, (typeof CUSTOMER_COLUMNS)[number]["id"]>({
  table: "customers",
  permission: "customers:export",
  readPermission: "customers:read",
  scope: "merchant",
  columns: CUSTOMER_COLUMNS,
  async prepare({ merchant }, params) {
    const query = parseCustomerQuery(params);
    const where = await customerWhere(merchant!.id, query);
    return {
      filters: customerHref("", { ...query, page: 1 }).replace(/^\?/, ""),
      count: () => db.mirrorCustomer.count({ where }),
      batches: (batchSize) =>
        keysetBatches<Row>({
          where: where as Record<string, unknown>,
          keys: customerSortKeys(query.sort, query.dir),
          batchSize,
          fetch: (args) => db.mirrorCustomer.findMany({ ...(args as Prisma.MirrorCustomerFindManyArgs), select }),
        }),
    };
  },
  cells: {
    name: (row) => row.displayName,
    company: (row) => row.company,
    email: (row) => row.email,
    phone: (row) => row.phone,
    city: (row) => row.city,
    newest: (row) => row.customerNumber,
    street: (row) => row.street,
    state: (row) => row.state,
    postalCode: (row) => row.postalCode,
    country: (row) => row.country,
    description: (row) => row.description,
    paymentMethods: (row) => methodsOf(row.paymentMethodsJson),
    key: (row) => row.key,
  },
});
