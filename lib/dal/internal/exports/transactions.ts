import "server-only";
import { db, type Prisma } from "@/lib/db";
import { centsToDecimal } from "@/lib/format";
import { formatInZone } from "@/lib/time-zone";
import { signedCents, TRANSACTION_TYPES, transactionTypeOf } from "@/lib/validation/transaction-types";
import { cardBrandLabel, parseTransactionQuery, TRANSACTION_COLUMNS, transactionHref } from "@/lib/validation/transactions";
import { keysetBatches } from "../keyset";
import { transactionSortKeys, transactionWhere } from "../mirror-transactions";
import { defineExportTable } from "./types";

const select = {
  key: true, refnum: true, createdAt: true, kind: true, outcome: true, statusCode: true, statusLabel: true, authCode: true, amountCents: true,
  taxCents: true, tipCents: true, cardBrand: true, cardMasked: true, cardholder: true, entryMode: true, checkMasked: true, avsCode: true, cvcCode: true,
  batchRefnum: true, customerEmail: true, invoice: true, orderId: true, description: true, errorMessage: true,
} as const satisfies Prisma.MirrorTransactionSelect;
type Row = Prisma.MirrorTransactionGetPayload<{ select: typeof select }>;

const cents = (value: number | null) => (value === null ? null : centsToDecimal(value));

/** The transactions table of one account, from the mirror: the table's filters, sort and zone. */
export const transactionsExport = defineExportTable<Row, (typeof TRANSACTION_COLUMNS)[number]["id"]>({
  table: "transactions",
  permission: "transactions:export",
  readPermission: "transactions:read",
  scope: "merchant",
  columns: TRANSACTION_COLUMNS,
  async prepare({ merchant, timeZone }, params) {
    const query = parseTransactionQuery(params);
    const where = await transactionWhere({ merchantAccountId: merchant!.id, timeZone }, query);
    return {
      filters: transactionHref("", { ...query, page: 1 }).replace(/^\?/, ""),
      count: () => db.mirrorTransaction.count({ where }),
      batches: (batchSize) =>
        keysetBatches<Row>({
          where: where as Record<string, unknown>,
          keys: transactionSortKeys(query.sort, query.dir),
          batchSize,
          fetch: (args) => db.mirrorTransaction.findMany({ ...(args as Prisma.MirrorTransactionFindManyArgs), select }),
        }),
    };
  },
  headerNote: { created: ({ timeZone }) => timeZone },
  cells: {
    created: (row, { timeZone }) => formatInZone(row.createdAt, timeZone, "yyyy-MM-dd HH:mm:ss"),
    refnum: (row) => row.refnum,
    cardholder: (row) => row.cardholder,
    card: (row) => (row.cardMasked ? `${cardBrandLabel(row.cardBrand) ?? "Card"} ${row.cardMasked.slice(-4)}` : row.checkMasked ? `Check ${row.checkMasked.slice(-4)}` : null),
    status: (row) => row.statusLabel ?? row.statusCode,
    // As the table shows them: refunds and credits are money out, negative.
    amount: (row) => centsToDecimal(signedCents(row.kind, row.amountCents)),
    type: (row) => TRANSACTION_TYPES[transactionTypeOf(row.kind)].label,
    result: (row) => row.outcome,
    authCode: (row) => row.authCode,
    customerEmail: (row) => row.customerEmail,
    invoice: (row) => row.invoice,
    orderId: (row) => row.orderId,
    description: (row) => row.description,
    batch: (row) => row.batchRefnum,
    tax: (row) => cents(row.taxCents),
    tip: (row) => cents(row.tipCents),
    entryMode: (row) => row.entryMode,
    avs: (row) => row.avsCode,
    cvc: (row) => row.cvcCode,
    error: (row) => row.errorMessage,
    key: (row) => row.key,
  },
});
