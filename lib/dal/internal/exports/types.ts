import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { ColumnChoice } from "@/lib/validation/table-columns";
import type { SearchParams } from "@/lib/validation/table-state";
import type { MerchantDto } from "../merchant-access";
import type { Cell } from "./csv";

/** What every export of a table knows when it runs. */
export interface ExportContext {
  viewer: Viewer;
  /** The viewer's zone: dates are written in it, and date filters are days in it. */
  timeZone: string;
  /** The account of an account's table; null for installation-wide tables (the audit log). */
  merchant: MerchantDto | null;
}

/** One export, its filters and sort applied: how many rows, and all of them in batches. */
export interface PreparedExport<Row> {
  count(): Promise<number>;
  /** The whole filtered set in the table's order, `batchSize` rows at a time (keyset, never OFFSET). */
  batches(batchSize: number): AsyncGenerator<Row[]>;
  /** The table's URL state without page ("status=settled&from=2026-02-01"): what the audit row records. */
  filters: string;
}

/**
 * An exportable table: the seam each table plugs into (transactions, customers, batches,
 * ClientPay payments, the audit log: a file each beside this one and a line in registry.ts). It
 * reuses the table's own URL parser, where builder and sort keys, so an export is exactly the table.
 */
export interface ExportTable<Row, Id extends string = string> {
  table: string;
  /** `<table>:export`: checked here and by the route, and what decides whether a page shows the button. */
  permission: Permission;
  /** Reading the table at all (any one of a list); an account's table is resolved through merchantFor with it. */
  readPermission: Permission | readonly Permission[];
  scope: "merchant" | "installation";
  columns: readonly (ColumnChoice & { id: Id })[];
  prepare(context: ExportContext, params: SearchParams): Promise<PreparedExport<Row>>;
  /** One cell per column id: text, a number, or empty. */
  cells: Record<Id, (row: Row, context: ExportContext) => Cell>;
  /** Extra header text per column (the date columns name the zone). */
  headerNote?: Partial<Record<Id, (context: ExportContext) => string>>;
}

/** Keeps each table's row and column types while the registry holds them side by side. */
export function defineExportTable<Row, Id extends string>(table: ExportTable<Row, Id>): ExportTable<Row, Id> {
  return table;
}
