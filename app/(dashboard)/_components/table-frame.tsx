import type { ReactNode } from "react";
import { ExportDialog } from "@/components/data-table/export-dialog";
import { SavedViews } from "@/components/data-table/saved-views";
import { ColumnChooser, TableChoices } from "@/components/data-table/table-choices";
import { deleteViewAction, saveHiddenColumnsAction, saveViewAction } from "@/lib/actions/preferences";
import { zoneOf, type Viewer } from "@/lib/auth/viewer";
import { canExport } from "@/lib/dal/exports";
import { getHiddenColumns, listSavedViews } from "@/lib/dal/preferences";
import { describeTimeZone } from "@/lib/format";
import type { TableId } from "@/lib/validation/table-columns";
import { TABLE_COLUMNS } from "@/lib/validation/table-choices";

/**
 * What every table page puts around its table: the zone its dates are in, the column chooser,
 * saved views and — for a viewer allowed to — the export of the whole filtered set.
 * `query` is the table's current state as its own link writes it ("status=settled&…").
 */
export async function TableFrame({ viewer, table, base, query, exportHref, children }: { viewer: Viewer; table: TableId; base: string; query: string; exportHref: string; children: ReactNode }) {
  const [hidden, views] = await Promise.all([getHiddenColumns(viewer, table), listSavedViews(viewer, table)]);
  const columns = TABLE_COLUMNS[table];
  return (
    <TableChoices table={table} columns={columns} initialHidden={hidden} saveHidden={saveHiddenColumnsAction}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500" data-testid="table-time-zone">
          {describeTimeZone(zoneOf(viewer))}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <ColumnChooser />
          <SavedViews table={table} base={base} query={query} views={views} save={saveViewAction} remove={deleteViewAction} />
          {canExport(viewer, table) && <ExportDialog href={exportHref} columns={columns} />}
        </div>
      </div>
      {children}
    </TableChoices>
  );
}
