import { createColumnHelper } from "@tanstack/react-table";
import { DateTime } from "../../../../_components/date-time";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { BatchDto } from "@/lib/dal/batches";
import { formatCents } from "@/lib/format";
import { BatchStatusBadge } from "./batch-status-badge";

const column = createColumnHelper<BatchDto>();
const countAndAmount = (count: number | null, cents: number | null, negative = false) =>
  count === null ? "—" : `${count.toLocaleString("en-US")} · ${formatCents(negative ? -(cents ?? 0) : (cents ?? 0))}`;

function columnsFor(base: string) {
  return [
    column.accessor("refnum", {
      header: "Batch",
      cell: (info) => (
        <Link href={`${base}/${encodeURIComponent(info.row.original.key)}`} className="font-medium text-brand-700 hover:underline" data-testid="batch-link">
          {info.getValue() ?? info.row.original.key}
        </Link>
      ),
    }),
    column.accessor("openedAt", { header: "Opened", cell: (info) => (info.getValue() ? <DateTime value={info.getValue()!} /> : "—") }),
    column.accessor("closedAt", { header: "Closed", cell: (info) => (info.getValue() ? <DateTime value={info.getValue()!} /> : "—") }),
    column.accessor("status", { header: "Status", cell: (info) => <BatchStatusBadge status={info.getValue()} /> }),
    column.accessor("salesCount", { header: "Sales", meta: { align: "right" }, cell: (info) => countAndAmount(info.getValue(), info.row.original.salesCents) }),
    column.accessor("refundsCount", { header: "Refunds", meta: { align: "right" }, cell: (info) => countAndAmount(info.getValue(), info.row.original.refundsCents, true) }),
    column.accessor("voidsCount", {
      header: "Voids",
      meta: { align: "right" },
      cell: (info) => (
        <span title={info.row.original.voidsFrom === "gateway" ? "As USAePay reports it" : "Counted from Paydesk's copy of the batch's transactions"}>
          {countAndAmount(info.getValue(), info.row.original.voidsCents)}
          {info.row.original.voidsFrom === "paydesk" ? "*" : ""}
        </span>
      ),
    }),
    column.accessor("netCents", { header: "Net", meta: { align: "right" }, cell: (info) => (info.getValue() === null ? "—" : <strong>{formatCents(info.getValue()!)}</strong>) }),
  ];
}

export function BatchesTable({ base, rows }: { base: string; rows: BatchDto[] }) {
  return <DataTable columns={columnsFor(base)} data={rows} caption="Settlement batches, newest first" rowKey={(row) => row.key} rowTestId="batch-row" rowData={(row) => ({ "data-status": row.status })} />;
}
