"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { useHiddenColumns } from "@/components/data-table/table-choices";
import { useTimeZone } from "@/components/time/time-zone";
import type { TransactionDto } from "@/lib/dal/transactions";
import { formatCents, formatDateTime } from "@/lib/format";
import { cardBrandLabel, TRANSACTION_SORTS, transactionHref, type TransactionQuery } from "@/lib/validation/transactions";
import { StatusBadge } from "./status-badge";

const column = createColumnHelper<TransactionDto>();

/** Column ids are TRANSACTION_COLUMNS' (lib/validation/transactions.ts): the chooser and the export use the same. */
function columnsFor(base: string, zone: string) {
  return [
    column.accessor("createdAt", {
      id: "created",
      header: "Date",
      meta: { firstSort: "desc" },
      cell: (info) => (
        <Link href={`${base}/${encodeURIComponent(info.row.original.key)}`} className="font-medium text-brand-700 hover:underline" data-testid="transaction-link">
          {formatDateTime(info.getValue(), zone)}
        </Link>
      ),
    }),
    column.accessor("refnum", { id: "refnum", header: "Ref #", cell: (info) => <span className="tabular-nums">{info.getValue()}</span> }),
    column.accessor("cardholder", { id: "cardholder", header: "Customer", cell: (info) => info.getValue() ?? info.row.original.customerEmail ?? "—" }),
    column.accessor("cardMasked", {
      id: "card",
      header: "Card",
      cell: (info) => {
        const row = info.row.original;
        return row.cardMasked ? `${cardBrandLabel(row.cardBrand) ?? "Card"} ${row.cardMasked.slice(-4)}` : row.checkMasked ? `Check ${row.checkMasked.slice(-4)}` : "—";
      },
    }),
    column.accessor("statusCode", { id: "status", header: "Status", cell: (info) => <StatusBadge code={info.getValue()} label={info.row.original.statusLabel} /> }),
    column.accessor("amountCents", { id: "amount", header: "Amount", meta: { align: "right", firstSort: "desc" }, cell: (info) => formatCents(info.getValue()) }),
  ];
}

export function TransactionsTable({ base, query, rows }: { base: string; query: TransactionQuery; rows: TransactionDto[] }) {
  const zone = useTimeZone();
  const hidden = useHiddenColumns();
  return (
    <DataTable
      columns={columnsFor(base, zone)}
      data={rows}
      caption={`Transactions, newest first unless sorted otherwise; times in ${zone}`}
      sort={{ state: { column: query.sort, dir: query.dir }, columns: TRANSACTION_SORTS, href: (sort, dir) => transactionHref(base, query, { sort: sort as TransactionQuery["sort"], dir }) }}
      rowKey={(row) => row.key}
      rowTestId="transaction-row"
      hiddenColumns={hidden}
    />
  );
}
