import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import type { ClientpayPaymentDto } from "@/lib/dal/clientpay-payments";
import { formatCents } from "@/lib/format";
import { CLIENTPAY_PAYMENT_SORTS, clientpayPaymentHref, paymentMethodText, type ClientpayPaymentQuery } from "@/lib/validation/clientpay-payments";
import { PaymentStatusBadge } from "./payment-status-badge";
import { DateTime } from "../../../../_components/date-time";

const column = createColumnHelper<ClientpayPaymentDto>();

function columnsFor(base: string) {
  return [
    column.accessor("paidAt", {
      id: "date",
      header: "Paid",
      meta: { firstSort: "desc" },
      cell: (info) => (
        <Link href={`${base}/${info.row.original.paymentId}`} className="font-medium text-brand-700 hover:underline" data-testid="payment-link">
          <DateTime value={info.getValue()} />
        </Link>
      ),
    }),
    column.accessor("paymentId", { header: "Payment #", cell: (info) => <span className="tabular-nums">{info.getValue()}</span> }),
    column.accessor("payerName", {
      id: "payer",
      header: "Payer",
      cell: (info) => (
        <span className="flex flex-col">
          <span>{info.getValue() ?? "—"}</span>
          {info.row.original.payerEmail && <span className="text-xs text-slate-500">{info.row.original.payerEmail}</span>}
        </span>
      ),
    }),
    column.accessor("invoiceNumbers", { header: "Invoice / order", cell: (info) => [...info.getValue(), info.row.original.orderId].filter(Boolean).join(", ") || "—" }),
    column.accessor("method", { header: "Method", cell: (info) => paymentMethodText(info.row.original) }),
    column.accessor("status", { id: "status", header: "Status", cell: (info) => <PaymentStatusBadge status={info.getValue()} /> }),
    column.accessor("amountCents", {
      id: "amount",
      header: "Amount",
      meta: { align: "right", firstSort: "desc" },
      cell: (info) => (
        <span className="flex flex-col items-end">
          <span>{formatCents(info.getValue())}</span>
          {info.row.original.refundedCents > 0 && <span className="text-xs text-slate-500">−{formatCents(info.row.original.refundedCents)} refunded</span>}
        </span>
      ),
    }),
  ];
}

export function PaymentsTable({ base, query, rows }: { base: string; query: ClientpayPaymentQuery; rows: ClientpayPaymentDto[] }) {
  return (
    <DataTable
      columns={columnsFor(base)}
      data={rows}
      caption="ClientPay payments, newest first unless sorted otherwise"
      sort={{ state: { column: query.sort, dir: query.dir }, columns: CLIENTPAY_PAYMENT_SORTS, href: (sort, dir) => clientpayPaymentHref(base, query, { sort: sort as ClientpayPaymentQuery["sort"], dir }) }}
      rowKey={(row) => row.paymentId}
      rowTestId="payment-row"
      rowData={(row) => ({ "data-payment-id": row.paymentId, "data-status": row.status })}
    />
  );
}
