import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { cleanHiddenColumns, type TableId } from "@/lib/validation/table-columns";
import { normaliseViewQuery, TABLE_COLUMNS } from "@/lib/validation/table-choices";
import { assertCan } from "./internal/guards";

/**
 * What each user chose for the tables: hidden columns (remembered across visits and devices)
 * and saved views (a named filter set, shared as an ordinary link). Only the user's own.
 */
export async function getHiddenColumns(viewer: Viewer, table: TableId): Promise<string[]> {
  assertCan(viewer, "profile:update");
  const row = await db.tablePreference.findUnique({ where: { userId_table: { userId: viewer.id, table } } });
  if (!row) return [];
  try {
    const parsed: unknown = JSON.parse(row.hiddenColumns);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export async function saveHiddenColumns(viewer: Viewer, table: TableId, hidden: readonly string[], meta: RequestMeta): Promise<string[]> {
  assertCan(viewer, "profile:update");
  const kept = cleanHiddenColumns(TABLE_COLUMNS[table], hidden);
  const hiddenColumns = JSON.stringify(kept);
  await db.$transaction(async (tx) => {
    await tx.tablePreference.upsert({ where: { userId_table: { userId: viewer.id, table } }, create: { userId: viewer.id, table, hiddenColumns }, update: { hiddenColumns } });
    await recordAuditEvent({ actor: viewer, action: "preferences.columns", targetType: "user", targetId: viewer.id, meta, details: { table, hidden: kept.join(", ") || "none" } }, tx);
  });
  return kept;
}

export interface SavedViewDto {
  id: string;
  name: string;
  /** The table's query string, without "?" ("status=settled&from=2026-02-01"). */
  query: string;
}

export async function listSavedViews(viewer: Viewer, table: TableId): Promise<SavedViewDto[]> {
  assertCan(viewer, "profile:update");
  return db.savedView.findMany({ where: { userId: viewer.id, table }, select: { id: true, name: true, query: true }, orderBy: { name: "asc" } });
}

export async function saveView(viewer: Viewer, table: TableId, name: string, query: string, meta: RequestMeta): Promise<SavedViewDto> {
  assertCan(viewer, "profile:update");
  const normalised = normaliseViewQuery(table, query);
  try {
    return await db.$transaction(async (tx) => {
      const view = await tx.savedView.create({ data: { userId: viewer.id, table, name, query: normalised }, select: { id: true, name: true, query: true } });
      await recordAuditEvent({ actor: viewer, action: "preferences.view_save", targetType: "user", targetId: viewer.id, meta, details: { table, name, query: normalised } }, tx);
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("view_exists", `You already have a view called “${name}”. Choose another name or delete that one first.`);
    throw error;
  }
}

export async function deleteView(viewer: Viewer, viewId: string, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "profile:update");
  await db.$transaction(async (tx) => {
    const view = await tx.savedView.findFirst({ where: { id: viewId, userId: viewer.id } });
    if (!view) throw new AppError("not_found", "That view no longer exists.");
    await tx.savedView.delete({ where: { id: view.id } });
    await recordAuditEvent({ actor: viewer, action: "preferences.view_delete", targetType: "user", targetId: viewer.id, meta, details: { table: view.table, name: view.name } }, tx);
  });
}
