import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { RequestMeta } from "@/lib/request-meta";
import { zonedDay } from "@/lib/time-zone";
import { parseExportColumns, tableColumnIds, type ExportTableName } from "@/lib/validation/table-columns";
import type { SearchParams } from "@/lib/validation/table-state";
import { csvLines, UTF8_BOM, type Cell } from "./internal/exports/csv";
import { EXPORT_TABLES } from "./internal/exports/registry";
import type { ExportContext, ExportTable } from "./internal/exports/types";
import { assertCan, assertCanAny } from "./internal/guards";
import { merchantFor } from "./internal/merchant-access";

/**
 * Exports: a table's whole filtered set as CSV, streamed. Each table is an entry of
 * internal/exports/registry.ts built from the table's own parser, where builder and sort, so an
 * export has exactly the rows the table would page through. Rows come from the database in
 * keyset batches as the client reads (backpressure: a slow reader holds one batch in memory),
 * and each export leaves one audit row: who, which table and account, the filters, the columns
 * and how many rows were written (or that it was cut short).
 */
export interface ExportDownload {
  filename: string;
  /** Rows the filtered set had when the export started: the client's progress bar. */
  total: number;
  body: ReadableStream<Uint8Array>;
}

/** Whether the viewer may export this table: what decides if a page shows the button. */
export function canExport(viewer: Viewer, table: string): boolean {
  const definition = EXPORT_TABLES[table as ExportTableName];
  return !!definition && can(viewer.role, definition.permission);
}

function tableOf(table: string): ExportTable<unknown> {
  const definition = EXPORT_TABLES[table as ExportTableName];
  if (!definition) throw new AppError("not_found", "There is no such table to export.");
  return definition;
}

function paramsOf(search: URLSearchParams): SearchParams {
  const params: SearchParams = {};
  for (const key of new Set(search.keys())) params[key] = search.get(key) ?? undefined;
  return params;
}

export async function startExport(viewer: Viewer, table: string, search: URLSearchParams, meta: RequestMeta, now = new Date()): Promise<ExportDownload> {
  const definition = tableOf(table);
  assertCan(viewer, definition.permission);
  if (typeof definition.readPermission === "string") assertCan(viewer, definition.readPermission);
  else assertCanAny(viewer, definition.readPermission);
  const merchant = definition.scope === "merchant" ? await merchantFor(viewer, definition.readPermission, { slug: search.get("merchant") ?? "" }) : null;
  const context: ExportContext = { viewer, timeZone: zoneOf(viewer), merchant };

  const columns = parseExportColumns(definition.columns, search.get("columns"), tableColumnIds(definition.columns));
  const prepared = await definition.prepare(context, paramsOf(search));
  const total = await prepared.count();
  if (total > env.EXPORT_MAX_ROWS) {
    throw new AppError("too_large", `This export would have ${total.toLocaleString("en-US")} rows; narrow the filters to at most ${env.EXPORT_MAX_ROWS.toLocaleString("en-US")}.`);
  }

  const labels = new Map(definition.columns.map((column) => [column.id, column.label]));
  const header = columns.map((id) => {
    const note = definition.headerNote?.[id]?.(context);
    return note ? `${labels.get(id)} (${note})` : (labels.get(id) as string);
  });
  const cells = columns.map((id) => definition.cells[id]!);
  const audit = (rows: number, outcome: "success" | "failure", reason?: string) =>
    recordAuditEvent({
      actor: viewer,
      action: `export.${table}`,
      outcome,
      targetType: merchant ? "merchant" : undefined,
      targetId: merchant?.id,
      meta,
      details: { table, filters: prepared.filters, columns, rows, total, timeZone: context.timeZone, ...(reason ? { reason } : {}) },
    });

  const encoder = new TextEncoder();
  const batches = prepared.batches(env.EXPORT_BATCH_SIZE);
  let written = 0;
  let headerSent = false;
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(UTF8_BOM + csvLines([header])));
          return;
        }
        const next = await batches.next();
        if (next.done) {
          finished = true;
          // Recorded before the stream ends, so the log has the export once the download completes.
          await audit(written, "success");
          controller.close();
          return;
        }
        const records: Cell[][] = next.value.map((row) => cells.map((cell) => cell(row, context)));
        written += records.length;
        controller.enqueue(encoder.encode(csvLines(records)));
      } catch (error) {
        finished = true;
        logger.error({ table, userId: viewer.id, err: error }, "export failed");
        await audit(written, "failure", "error").catch(() => undefined);
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      if (finished) return;
      finished = true;
      await batches.return(undefined);
      await audit(written, "failure", "cancelled");
    },
  });

  const scope = merchant ? `-${merchant.slug}` : "";
  return { filename: `${table}${scope}-${zonedDay(now, context.timeZone)}.csv`, total, body };
}
