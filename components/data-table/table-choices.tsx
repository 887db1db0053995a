"use client";

import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import type { ColumnChoice, TableId } from "@/lib/validation/table-columns";

/** A server action as forms call it (handed in by the page: components never import actions). */
export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

interface TableChoicesValue {
  table: TableId;
  columns: readonly ColumnChoice[];
  hidden: string[];
  toggle: (id: string) => void;
  error: string | null;
}

const TableChoicesContext = createContext<TableChoicesValue | null>(null);

/**
 * Which of a table's columns this user hides, shared by the column chooser and the export
 * dialog. The table itself is server-rendered HTML with every column, each cell marked with its
 * column id (DataTable); a style rule per hidden column hides them, so the first HTML is already
 * right (the state starts from what the server read from the database), a change shows at once
 * without a round trip, and no table code reaches the browser. Each change is saved for next time.
 */
export function TableChoices({ table, columns, initialHidden, saveHidden, children }: { table: TableId; columns: readonly ColumnChoice[]; initialHidden: string[]; saveHidden: FormAction; children: ReactNode }) {
  const [hidden, setHidden] = useState(initialHidden);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const toggle = (id: string) => {
    const next = hidden.includes(id) ? hidden.filter((other) => other !== id) : [...hidden, id];
    const shown = columns.filter((column) => column.inTable && !next.includes(column.id));
    if (shown.length === 0) return; // a table needs at least one column
    setHidden(next);
    startTransition(async () => {
      const form = new FormData();
      form.set("table", table);
      form.set("hidden", next.join(","));
      const result = await saveHidden({ status: "idle" }, form);
      setError(result.status === "error" ? (result.message ?? "Your choice was not saved.") : null);
    });
  };
  return (
    <TableChoicesContext.Provider value={{ table, columns, hidden, toggle, error }}>
      <div data-choices={table}>
        <style>{hiddenColumnsRule(table, hidden)}</style>
        {children}
      </div>
    </TableChoicesContext.Provider>
  );
}

/** Column ids are plain identifiers (TABLE_COLUMNS); anything else is left out of the rule, never written into it. */
const COLUMN_ID = /^[a-z][a-zA-Z0-9-]*$/;

/** The CSS that hides the chosen columns of this table (header, cells, phone-card fields and sort links). */
export function hiddenColumnsRule(table: TableId, hidden: readonly string[]): string {
  return hidden
    .filter((id) => COLUMN_ID.test(id))
    .map((id) => `[data-choices="${table}"] [data-column="${id}"]{display:none}`)
    .join("\n");
}

/** The ids of the table's columns the user currently sees, in order. */
export function useVisibleColumns(): string[] | null {
  const value = useContext(TableChoicesContext);
  return value ? value.columns.filter((column) => column.inTable && !value.hidden.includes(column.id)).map((column) => column.id) : null;
}

/** "Columns" menu: a checkbox per table column. A native disclosure, so it needs no library. */
export function ColumnChooser() {
  const value = useContext(TableChoicesContext);
  if (!value) return null;
  const { columns, hidden, toggle, error } = value;
  return (
    <details className="relative" data-testid="column-chooser">
      <summary className="inline-flex h-8 cursor-pointer list-none items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500">
        Columns
      </summary>
      <fieldset className="absolute right-0 z-20 mt-1 flex w-56 flex-col gap-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Columns to show</legend>
        {columns
          .filter((column) => column.inTable)
          .map((column) => (
            <label key={column.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={!hidden.includes(column.id)} onChange={() => toggle(column.id)} data-testid={`column-toggle-${column.id}`} />
              {column.label}
            </label>
          ))}
        {error && <p className="text-xs text-red-700">{error}</p>}
      </fieldset>
    </details>
  );
}
