import "server-only";
import { db, type Prisma } from "@/lib/db";
import { centsToDecimal } from "@/lib/format";
import { formatInZone } from "@/lib/time-zone";
import { CLIENTPAY_PAYMENT_COLUMNS, CLIENTPAY_STATUSES, clientpayPaymentHref, parseClientpayPaymentQuery, paymentMethodText } from "@/lib/validation/clientpay-payments";
import { clientpayPaymentSortKeys, clientpayPaymentWhere } from "../clientpay-payments-store";
import { keysetBatches } from "../keyset";
import { defineExportTable } from "./types";

/**
 * Only what the columns need. Never the request ID's hash, a saved method's id or anything of
 * the account's access ID: a payment's method is its brand and last four, as the table shows it.
 */
const select = {
  paymentId: true, paymentNumber: true, paidAt: true, paidAtLocal: true, status: true, amountCents: true, taxCents: true, surchargeCents: true, refundedCents: true,
  method: true, cardBrand: true, accountLast4: true, payerId: true, payerName: true, payerNameLower: true, payerEmail: true, invoiceNumbers: true, orderId: true,
  description: true, customerRefNumber: true, isSettled: true, settledAt: true,
} as const satisfies Prisma.ClientpayPaymentSelect;
type Row = Prisma.ClientpayPaymentGetPayload<{ select: typeof select }>;

const when = (value: Date | null, timeZone: string) => (value ? formatInZone(value, timeZone, "yyyy-MM-dd HH:mm:ss") : null);

/** The ClientPay payments table of one account, from the local copy: the table's search, filters, sort and zone. */
export const paymentsExport = defineExportTable<Row, (typeof CLIENTPAY_PAYMENT_COLUMNS)[number]["id"]>({
  table: "payments",
  permission: "payments:export",
  readPermission: "payments:read",
  scope: "merchant",
  columns: CLIENTPAY_PAYMENT_COLUMNS,
  async prepare({ merchant, timeZone }, params) {
    const query = parseClientpayPaymentQuery(params);
    const where = clientpayPaymentWhere({ merchantAccountId: merchant!.id, timeZone }, query);
    return {
      filters: clientpayPaymentHref("", { ...query, page: 1 }).replace(/^\?/, ""),
      count: () => db.clientpayPayment.count({ where }),
      batches: (batchSize) =>
        keysetBatches<Row>({
          where: where as Record<string, unknown>,
          keys: clientpayPaymentSortKeys(query.sort, query.dir),
          batchSize,
          fetch: (args) => db.clientpayPayment.findMany({ ...(args as Prisma.ClientpayPaymentFindManyArgs), select }),
        }),
    };
  },
  headerNote: { date: ({ timeZone }) => timeZone, settledAt: ({ timeZone }) => timeZone },
  cells: {
    date: (row, { timeZone }) => when(row.paidAt, timeZone),
    paymentId: (row) => row.paymentId,
    payer: (row) => row.payerName,
    payerEmail: (row) => row.payerEmail,
    invoices: (row) => row.invoiceNumbers,
    orderId: (row) => row.orderId,
    method: (row) => (row.method ? paymentMethodText(row) : null),
    status: (row) => (CLIENTPAY_STATUSES as Record<string, { label: string }>)[row.status]?.label ?? row.status,
    amount: (row) => centsToDecimal(row.amountCents),
    refunded: (row) => centsToDecimal(row.refundedCents),
    tax: (row) => centsToDecimal(row.taxCents),
    surcharge: (row) => centsToDecimal(row.surchargeCents),
    settled: (row) => (row.isSettled === null ? null : row.isSettled ? "Yes" : "No"),
    settledAt: (row, { timeZone }) => when(row.settledAt, timeZone),
    paidAtLocal: (row) => row.paidAtLocal,
    description: (row) => row.description,
    customerRefNumber: (row) => row.customerRefNumber,
    payerId: (row) => row.payerId,
  },
});
