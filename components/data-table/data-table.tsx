import { createTable, flexRender, getCoreRowModel, type ColumnDef, type RowData, type TableOptionsResolved, type TableState } from "@tanstack/react-table";
import Link from "next/link";
import { cn } from "@/components/ui/cn";

/**
 * The one table of the app, on TanStack Table's headless model, server-paged. Sorting (when
 * the table has it) is a link: the URL is the state, so it works with the keyboard,
 * back/forward and shared links. Below `md` each row becomes a card with the same cells,
 * labelled, and the same sort links sit above the cards. What is specific to a table (its columns, their alignment and first sort
 * direction) comes in through the column definitions, never from here.
 *
 * No state of its own (the URL holds it), so it is built once per render with TanStack's
 * framework-free createTable, not the useReactTable hook: every table renders on the server and
 * ships no table code to the browser. Each header, cell and phone-card field carries its column
 * id (`data-column`), which is how the column chooser hides columns without rendering again
 * (components/data-table/table-choices.tsx).
 */
declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameters must match TanStack's declaration
  interface ColumnMeta<TData extends RowData, TValue> {
    align?: "right";
    /** The direction a first click on this column sorts by (default "asc"); e.g. "desc" for dates and amounts. */
    firstSort?: "asc" | "desc";
  }
}

export interface SortState {
  column: string;
  dir: "asc" | "desc";
}

export interface TableSort {
  state: SortState;
  /** Columns (by id) the server can sort by. */
  columns: readonly string[];
  /** The link for sorting by a column in a direction. */
  href: (column: string, dir: "asc" | "desc") => string;
}

interface DataTableProps<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack column value types differ per column
  columns: ColumnDef<T, any>[];
  data: T[];
  caption: string;
  rowKey: (row: T) => string;
  rowTestId: string;
  /** Extra data-* attributes per row (tests find rows by them). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  /** On the wrapper of the table and its phone cards. */
  testId?: string;
  sort?: TableSort;
}

/** What useReactTable does on its first render, without React state: the table's own initial state (plus what the page sets), never changed. */
function buildTable<T>(options: Omit<TableOptionsResolved<T>, "state" | "onStateChange" | "renderFallbackValue">, state: Partial<TableState> = {}) {
  const table = createTable<T>({ ...options, state: {}, onStateChange: () => {}, renderFallbackValue: null });
  table.setOptions((previous) => ({ ...previous, state: { ...table.initialState, ...state } }));
  return table;
}

export function DataTable<T>({ columns, data, caption, rowKey, rowTestId, rowData, testId, sort }: DataTableProps<T>) {
  const table = buildTable({ data, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true, getRowId: rowKey });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const sortable = (id: string) => !!sort?.columns.includes(id);
  /** Where a click on a column's sort sends the table: the other direction if it is the sorted one, else its first direction. */
  const nextSort = (id: string, firstSort: "asc" | "desc" = "asc") => (sort?.state.column === id ? (sort.state.dir === "asc" ? "desc" : "asc") : firstSort);
  const arrow = (id: string) => (sort?.state.column === id ? (sort.state.dir === "asc" ? "▲" : "▼") : "↕");

  return (
    <div data-testid={testId}>
      <table className="hidden w-full text-left text-sm md:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {headers.map((header) => {
              const id = header.column.id;
              const meta = header.column.columnDef.meta;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const active = sort?.state.column === id;
              const dir = nextSort(id, meta?.firstSort);
              return (
                <th
                  key={header.id}
                  scope="col"
                  data-column={id}
                  className={cn("px-3 py-2 font-medium", meta?.align === "right" && "text-right")}
                  aria-sort={active ? (sort.state.dir === "asc" ? "ascending" : "descending") : sortable(id) ? "none" : undefined}
                >
                  {sort && sortable(id) ? (
                    <Link href={sort.href(id, dir)} className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500" data-testid={`sort-${id}`} scroll={false}>
                      {label}
                      <span aria-hidden="true">{arrow(id)}</span>
                    </Link>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50" data-testid={rowTestId} {...rowData?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} data-column={cell.column.id} className={cn("px-3 py-2 align-top", cell.column.columnDef.meta?.align === "right" && "text-right tabular-nums")}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {sort && (
        // On a phone the rows are cards with no header row to click, so the sort links sit above them.
        <nav aria-label="Sort" className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3 text-sm md:hidden" data-testid="phone-sort">
          <span className="text-slate-600">Sort by</span>
          {headers
            .filter((header) => sortable(header.column.id))
            .map((header) => {
              const id = header.column.id;
              const active = sort.state.column === id;
              return (
                <Link
                  key={header.id}
                  href={sort.href(id, nextSort(id, header.column.columnDef.meta?.firstSort))}
                  className={cn(
                    "inline-flex items-center gap-1 rounded-full border px-3 py-1 focus-visible:outline-2 focus-visible:outline-brand-500",
                    active ? "border-brand-500 bg-brand-50 font-medium text-brand-700" : "border-slate-300 text-slate-700",
                  )}
                  aria-current={active ? "true" : undefined}
                  data-column={id}
                  data-testid={`phone-sort-${id}`}
                  scroll={false}
                >
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  <span aria-hidden="true">{arrow(id)}</span>
                  {active && <span className="sr-only">{sort.state.dir === "asc" ? "(ascending)" : "(descending)"}</span>}
                </Link>
              );
            })}
        </nav>
      )}
      <ul className="divide-y divide-slate-100 md:hidden" aria-label={caption}>
        {table.getRowModel().rows.map((row) => (
          <li key={row.id} className="p-4" data-testid={`${rowTestId}-card`} {...rowData?.(row.original)}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {row.getVisibleCells().map((cell) => (
                <div key={cell.id} className="contents" data-column={cell.column.id}>
                  <dt className="text-slate-500">{flexRender(cell.column.columnDef.header, { ...headers.find((header) => header.column.id === cell.column.id)!.getContext() })}</dt>
                  <dd>{flexRender(cell.column.columnDef.cell, cell.getContext())}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
