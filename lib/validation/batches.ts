import type { ColumnChoice } from "./table-columns";

/** A batch's status as Paydesk's copy holds it (docs/usaepay-api.md, "Batches"); anything else reads "Unknown". */
export const BATCH_STATUSES = {
  open: { label: "Open", tone: "info" },
  closing: { label: "Closing", tone: "warn" },
  closed: { label: "Closed", tone: "good" },
} as const;

export function batchStatusLabel(status: string): string {
  return (BATCH_STATUSES as Record<string, { label: string }>)[status]?.label ?? "Unknown";
}

/**
 * The batches table's columns: the `inTable` ones are what the table shows (its "count · amount"
 * cells split in two, so a spreadsheet can sum them); exports offer all.
 */
export const BATCH_COLUMNS = [
  { id: "batch", label: "Batch", inTable: true },
  { id: "opened", label: "Opened", inTable: true },
  { id: "closed", label: "Closed", inTable: true },
  { id: "status", label: "Status", inTable: true },
  { id: "salesCount", label: "Sales", inTable: true },
  { id: "salesAmount", label: "Sales amount", inTable: true },
  { id: "refundsCount", label: "Refunds", inTable: true },
  { id: "refundsAmount", label: "Refunds amount", inTable: true },
  { id: "voidsCount", label: "Voids", inTable: true },
  { id: "voidsAmount", label: "Voids amount", inTable: true },
  { id: "net", label: "Net", inTable: true },
  { id: "voidsFrom", label: "Voids counted by" },
  { id: "totalCount", label: "Transactions" },
  { id: "key", label: "Batch key" },
] as const satisfies readonly ColumnChoice[];
