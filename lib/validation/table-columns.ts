import { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

/**
 * A table's columns as data: one list per table names every column a person can show, hide or
 * export, so the table, its column chooser and its export agree on ids and labels. `inTable`
 * columns are shown by the table (unless the user hid them); the others exist only in exports.
 */
export interface ColumnChoice {
  id: string;
  label: string;
  inTable?: boolean;
}

/** The tables whose columns and views a user can choose (issue seams: "batches", "payments"). */
export const TABLE_IDS = ["transactions", "customers", "audit"] as const;
export type TableId = (typeof TABLE_IDS)[number];
export const tableIdSchema = z.enum(TABLE_IDS);

export function tableColumnIds(columns: readonly ColumnChoice[]): string[] {
  return columns.filter((column) => column.inTable).map((column) => column.id);
}

/** Hidden column ids as stored: only ids the table has, no repeats, never every column. */
export function cleanHiddenColumns(columns: readonly ColumnChoice[], hidden: readonly string[]): string[] {
  const known = new Set(tableColumnIds(columns));
  const kept = [...new Set(hidden.filter((id) => known.has(id)))];
  return kept.length >= known.size ? [] : kept;
}

/**
 * The `columns` of an export request ("created,amount,status") as known ids in table order;
 * none or junk falls back to `fallback` (the columns the table shows).
 */
export function parseExportColumns(columns: readonly ColumnChoice[], raw: string | null | undefined, fallback: readonly string[]): string[] {
  const wanted = new Set((raw ?? "").split(",").map((id) => id.trim()).filter(Boolean));
  const chosen = columns.filter((column) => wanted.has(column.id)).map((column) => column.id);
  return chosen.length > 0 ? chosen : [...fallback];
}

/** Tables with an export (`/api/export/<table>`); each needs the permission `<table>:export`. "payments" are ClientPay's. */
export const EXPORT_TABLE_NAMES = ["transactions", "customers", "batches", "payments", "audit"] as const;
export type ExportTableName = (typeof EXPORT_TABLE_NAMES)[number];
export const exportTableSchema = z.enum(EXPORT_TABLE_NAMES);

export function exportPermission<Table extends ExportTableName>(table: Table): `${Table}:export` & Permission {
  return `${table}:export` as `${Table}:export` & Permission;
}
