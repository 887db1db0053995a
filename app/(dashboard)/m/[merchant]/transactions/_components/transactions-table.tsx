import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { TransactionDto } from "@/lib/dal/transactions";
import { formatCents, formatDateTime } from "@/lib/format";
import { signedCents } from "@/lib/validation/transaction-types";
import { cardBrandLabel, TRANSACTION_SORTS, transactionHref, type TransactionQuery } from "@/lib/validation/transactions";
import { StatusBadge } from "./status-badge";
import { TypeBadge } from "./type-badge";

const column = createColumnHelper<TransactionDto>();

/** Column ids are TRANSACTION_COLUMNS' (lib/validation/transactions.ts): the chooser and the export use the same. */
function columnsFor(detailBase: string, zone: string) {
  return [
    column.accessor("createdAt", {
      id: "created",
      header: "Date",
      meta: { firstSort: "desc" },
      cell: (info) => (
        <Link href={`${detailBase}/${encodeURIComponent(info.row.original.key)}`} className="font-medium text-brand-700 hover:underline" data-testid="transaction-link">
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
    column.accessor("kind", { id: "type", header: "Type", cell: (info) => <TypeBadge kind={info.getValue()} /> }),
    // Refunds and credits are money out: shown negative (the sort stays on the unsigned amount).
    column.accessor("amountCents", { id: "amount", header: "Amount", meta: { align: "right", firstSort: "desc" }, cell: (info) => formatCents(signedCents(info.row.original.kind, info.getValue())) }),
  ];
}

/**
 * Rendered on the server, times in the viewer's `zone`. `base` is the table's own URL (sorting
 * links); rows link to `detailBase` (default `base`), e.g. a batch's table to the transaction pages.
 */
export function TransactionsTable({ base, query, rows, zone, detailBase }: { base: string; query: TransactionQuery; rows: TransactionDto[]; zone: string; detailBase?: string }) {
  return (
    <DataTable
      columns={columnsFor(detailBase ?? base, zone)}
      data={rows}
      caption={`Transactions, newest first unless sorted otherwise; times in ${zone}`}
      sort={{ state: { column: query.sort, dir: query.dir }, columns: TRANSACTION_SORTS, href: (sort, dir) => transactionHref(base, query, { sort: sort as TransactionQuery["sort"], dir }) }}
      rowKey={(row) => row.key}
      rowTestId="transaction-row"
    />
  );
}
