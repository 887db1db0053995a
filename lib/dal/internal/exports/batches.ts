import "server-only";
import { db, type Prisma } from "@/lib/db";
import { centsToDecimal } from "@/lib/format";
import { formatInZone } from "@/lib/time-zone";
import { BATCH_COLUMNS, batchStatusLabel } from "@/lib/validation/batches";
import { BATCH_SORT_KEYS, toBatchDtos, type BatchDto, type BatchRow } from "../batch-rows";
import { keysetBatches } from "../keyset";
import { defineExportTable } from "./types";

const cents = (value: number | null) => (value === null ? null : centsToDecimal(value));
const when = (value: string | null, timeZone: string) => (value ? formatInZone(value, timeZone, "yyyy-MM-dd HH:mm:ss") : null);

/**
 * The batches table of one account, from the local copy (MirrorBatch) as it stands: the table has
 * no filters and one order (newest first), and its voids come from the transactions mirror where
 * USAePay's list has none, as the page counts them. The export reads nothing from USAePay.
 */
export const batchesExport = defineExportTable<BatchDto, (typeof BATCH_COLUMNS)[number]["id"]>({
  table: "batches",
  permission: "batches:export",
  readPermission: "batches:read",
  scope: "merchant",
  columns: BATCH_COLUMNS,
  async prepare({ merchant }) {
    const merchantAccountId = merchant!.id;
    const where = { merchantAccountId } satisfies Prisma.MirrorBatchWhereInput;
    return {
      filters: "",
      count: () => db.mirrorBatch.count({ where }),
      async *batches(batchSize) {
        const rows = keysetBatches<BatchRow>({
          where,
          keys: BATCH_SORT_KEYS,
          batchSize,
          fetch: (args) => db.mirrorBatch.findMany(args as Prisma.MirrorBatchFindManyArgs),
        });
        for await (const batch of rows) yield toBatchDtos(merchantAccountId, batch);
      },
    };
  },
  headerNote: { opened: ({ timeZone }) => timeZone, closed: ({ timeZone }) => timeZone },
  cells: {
    batch: (row) => row.refnum ?? row.key,
    opened: (row, { timeZone }) => when(row.openedAt, timeZone),
    closed: (row, { timeZone }) => when(row.closedAt, timeZone),
    status: (row) => batchStatusLabel(row.status),
    salesCount: (row) => row.salesCount,
    salesAmount: (row) => cents(row.salesCents),
    // As the table shows them: refunds are money out, negative; net = sales − refunds (voids are not in it).
    refundsCount: (row) => row.refundsCount,
    refundsAmount: (row) => (row.refundsCents === null ? null : centsToDecimal(-row.refundsCents)),
    voidsCount: (row) => row.voidsCount,
    voidsAmount: (row) => cents(row.voidsCents),
    net: (row) => cents(row.netCents),
    voidsFrom: (row) => (row.voidsFrom === "gateway" ? "USAePay" : "Paydesk"),
    totalCount: (row) => row.totalCount,
    key: (row) => row.key,
  },
});
