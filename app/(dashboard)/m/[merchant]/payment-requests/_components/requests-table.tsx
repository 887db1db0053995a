import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { PaymentRequestDto } from "@/lib/dal/payment-requests";
import { formatCents } from "@/lib/format";
import { RequestStatusBadge } from "./request-status-badge";
import { DateTime } from "../../../../_components/date-time";

const column = createColumnHelper<PaymentRequestDto>();

function columnsFor(base: string) {
  return [
    column.accessor("createdAt", {
      header: "Created",
      cell: (info) => (
        <Link href={`${base}/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline" data-testid="request-link">
          <DateTime value={info.getValue()} />
        </Link>
      ),
    }),
    column.accessor("payerName", {
      header: "Payer",
      cell: (info) => (
        <span className="flex flex-col">
          <span>{info.getValue() ?? "—"}</span>
          {info.row.original.payerEmail && <span className="text-xs text-slate-500">{info.row.original.payerEmail}</span>}
        </span>
      ),
    }),
    column.accessor("invoices", { header: "Invoices", cell: (info) => info.getValue().map((invoice) => invoice.invoiceNumber).join(", ") }),
    column.accessor("dueDate", { header: "Due", cell: (info) => info.getValue() ?? "—" }),
    column.accessor("status", {
      header: "Status",
      cell: (info) => (
        <span className="flex flex-col gap-0.5">
          <RequestStatusBadge status={info.getValue()} />
          {info.row.original.paymentId && <span className="text-xs text-slate-500">payment {info.row.original.paymentId}</span>}
        </span>
      ),
    }),
    column.accessor("amountCents", { header: "Amount", meta: { align: "right" }, cell: (info) => formatCents(info.getValue()) }),
  ];
}

export function RequestsTable({ base, rows }: { base: string; rows: PaymentRequestDto[] }) {
  return <DataTable columns={columnsFor(base)} data={rows} caption="Payment requests, newest first" rowKey={(row) => row.id} rowTestId="request-row" rowData={(row) => ({ "data-request-id": row.id, "data-status": row.status })} />;
}
