import { createColumnHelper } from "@tanstack/react-table";
import { DateTime } from "../../../../_components/date-time";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { PayerDto } from "@/lib/dal/payers";
import { PAYER_SORTS, payerHref, type PayerQuery } from "@/lib/validation/payers";

const column = createColumnHelper<PayerDto>();

function columnsFor(base: string) {
  return [
    column.accessor("displayName", {
      id: "name",
      header: "Payer",
      cell: (info) => (
        <Link href={`${base}/${encodeURIComponent(info.row.original.payerId)}`} className="font-medium text-brand-700 hover:underline" data-testid="payer-link">
          {info.getValue()}
        </Link>
      ),
    }),
    column.accessor("email", { header: "Email", cell: (info) => info.getValue() ?? "—" }),
    column.accessor("methods", {
      header: "Saved methods",
      cell: (info) => {
        const methods = info.getValue();
        if (!methods) return <span className="text-slate-500">not read yet</span>;
        return methods.length === 0 ? "none" : methods.map((method) => `${method.type === "eCheck" ? "eCheck" : (method.cardBrand ?? "Card")} ••••${method.last4 ?? ""}`).join(", ");
      },
    }),
    column.accessor("source", { header: "Known from", cell: (info) => (info.getValue() === "paydesk" ? "Created in Paydesk" : "Seen on a payment") }),
    column.accessor("updatedAt", { id: "recent", header: "Updated", meta: { firstSort: "desc" }, cell: (info) => <DateTime value={info.getValue()} /> }),
  ];
}

export function PayersTable({ base, query, rows }: { base: string; query: PayerQuery; rows: PayerDto[] }) {
  return (
    <DataTable
      columns={columnsFor(base)}
      data={rows}
      caption="Payers Paydesk knows"
      sort={{ state: { column: query.sort, dir: query.dir }, columns: PAYER_SORTS, href: (sort, dir) => payerHref(base, query, { sort: sort as PayerQuery["sort"], dir }) }}
      rowKey={(row) => row.payerId}
      rowTestId="payer-row"
    />
  );
}
