import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { TransactionDto } from "@/lib/dal/transactions";
import { formatCents, formatDateTime } from "@/lib/format";
import { signedCents } from "@/lib/validation/transaction-types";
import { TRANSACTION_SORTS, transactionHref, type TransactionQuery } from "@/lib/validation/transactions";
import { StatusBadge } from "./status-badge";
import { TypeBadge } from "./type-badge";

const column = createColumnHelper<TransactionDto>();

function columnsFor(detailBase: string) {
  return [
    column.accessor("createdAt", {
      id: "created",
      header: "Date",
      meta: { firstSort: "desc" },
      cell: (info) => (
        <Link href={`${detailBase}/${encodeURIComponent(info.row.original.key)}`} className="font-medium text-brand-700 hover:underline" data-testid="transaction-link">
          {formatDateTime(info.getValue())}
        </Link>
      ),
    }),
    column.accessor("refnum", { header: "Ref #", cell: (info) => <span className="tabular-nums">{info.getValue()}</span> }),
    column.accessor("cardholder", { id: "cardholder", header: "Customer", cell: (info) => info.getValue() ?? info.row.original.customerEmail ?? "—" }),
    column.accessor("cardMasked", {
      header: "Card",
      cell: (info) => {
        const row = info.row.original;
        return row.cardMasked ? `${row.cardBrand ?? "Card"} ${row.cardMasked.slice(-4)}` : row.checkMasked ? `Check ${row.checkMasked.slice(-4)}` : "—";
      },
    }),
    column.accessor("statusCode", { id: "status", header: "Status", cell: (info) => <StatusBadge code={info.getValue()} label={info.row.original.statusLabel} /> }),
    column.accessor("kind", { id: "type", header: "Type", cell: (info) => <TypeBadge kind={info.getValue()} /> }),
    // Refunds and credits are money out: shown negative (the sort stays on the unsigned amount).
    column.accessor("amountCents", { id: "amount", header: "Amount", meta: { align: "right", firstSort: "desc" }, cell: (info) => formatCents(signedCents(info.row.original.kind, info.getValue())) }),
  ];
}

/** `base` is the table's own URL (sorting links); rows link to `detailBase` (default `base`), e.g. a batch's table to the transaction pages. */
export function TransactionsTable({ base, query, rows, detailBase }: { base: string; query: TransactionQuery; rows: TransactionDto[]; detailBase?: string }) {
  return (
    <DataTable
      columns={columnsFor(detailBase ?? base)}
      data={rows}
      caption="Transactions, newest first unless sorted otherwise"
      sort={{ state: { column: query.sort, dir: query.dir }, columns: TRANSACTION_SORTS, href: (sort, dir) => transactionHref(base, query, { sort: sort as TransactionQuery["sort"], dir }) }}
      rowKey={(row) => row.key}
      rowTestId="transaction-row"
    />
  );
}
