import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { CustomerDto } from "@/lib/dal/customers";
import { CUSTOMER_SORTS, customerHref, type CustomerQuery } from "@/lib/validation/customers";

const column = createColumnHelper<CustomerDto>();

/** Column ids are CUSTOMER_COLUMNS' (lib/validation/customers.ts): the chooser and the export use the same. */
function columnsFor(base: string) {
  return [
    column.accessor("displayName", {
      id: "name",
      header: "Name",
      cell: (info) => (
        <Link href={`${base}/${encodeURIComponent(info.row.original.key)}`} className="font-medium text-brand-700 hover:underline" data-testid="customer-link">
          {info.getValue()}
        </Link>
      ),
    }),
    column.accessor("company", { id: "company", header: "Company", cell: (info) => info.getValue() ?? "—" }),
    column.accessor("email", { id: "email", header: "Email", cell: (info) => info.getValue() ?? "—" }),
    column.accessor("phone", { id: "phone", header: "Phone", cell: (info) => info.getValue() ?? "—" }),
    column.accessor("city", { id: "city", header: "City", cell: (info) => [info.getValue(), info.row.original.state].filter(Boolean).join(", ") || "—" }),
    column.accessor("customerNumber", { id: "newest", header: "Customer #", meta: { firstSort: "desc" }, cell: (info) => info.getValue() ?? "—" }),
  ];
}

/** Rendered on the server; the column chooser hides columns by their ids (TableChoices). */
export function CustomersTable({ base, query, rows }: { base: string; query: CustomerQuery; rows: CustomerDto[] }) {
  return (
    <DataTable
      columns={columnsFor(base)}
      data={rows}
      caption="Customers"
      sort={{ state: { column: query.sort, dir: query.dir }, columns: CUSTOMER_SORTS, href: (sort, dir) => customerHref(base, query, { sort: sort as CustomerQuery["sort"], dir }) }}
      rowKey={(row) => row.key}
      rowTestId="customer-row"
    />
  );
}
