import "server-only";
import { auditExport } from "./audit";
import { batchesExport } from "./batches";
import { customersExport } from "./customers";
import { paymentsExport } from "./payments";
import { transactionsExport } from "./transactions";
import type { ExportTableName } from "@/lib/validation/table-columns";
import type { ExportTable } from "./types";

/**
 * Every exportable table, by the name the export route takes (`/api/export/<table>`).
 * To add one: a file beside these built with defineExportTable from the table's own
 * parser/where/sort, its name in EXPORT_TABLE_NAMES (lib/validation/table-columns.ts), a
 * `<table>:export` permission granted as the others are (NUMBERS in lib/auth/permissions.ts),
 * a line here, and the page's ExportDialog.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table has its own row type; defineExportTable checks it
export const EXPORT_TABLES: Record<ExportTableName, ExportTable<any>> = {
  transactions: transactionsExport,
  customers: customersExport,
  batches: batchesExport,
  payments: paymentsExport,
  audit: auditExport,
};
