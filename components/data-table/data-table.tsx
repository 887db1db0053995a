"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { cn } from "@/components/ui/cn";

/**
 * A server-sorted, server-paged table on TanStack Table's headless model. Sorting is a link
 * (the URL is the state), so it works with the keyboard, back/forward and shared links.
 * Below `md` each row becomes a card with the same cells, labelled.
 */
export interface SortState {
  column: string;
  dir: "asc" | "desc";
}

interface DataTableProps<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack column value types differ per column
  columns: ColumnDef<T, any>[];
  data: T[];
  caption: string;
  sort: SortState;
  /** Columns (by id) the server can sort by, with the link for each direction. */
  sortHref: (column: string, dir: "asc" | "desc") => string;
  sortable: readonly string[];
  rowKey: (row: T) => string;
  rowTestId: string;
}

function nextDir(sort: SortState, column: string): "asc" | "desc" {
  if (sort.column !== column) return column === "created" || column === "amount" || column === "newest" ? "desc" : "asc";
  return sort.dir === "asc" ? "desc" : "asc";
}

export function DataTable<T>({ columns, data, caption, sort, sortHref, sortable, rowKey, rowTestId }: DataTableProps<T>) {
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is rebuilt from server data each render; nothing downstream is memoized
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualPagination: true, getRowId: rowKey });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  return (
    <>
      <table className="hidden w-full text-left text-sm md:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {headers.map((header) => {
              const id = header.column.id;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const active = sort.column === id;
              const meta = header.column.columnDef.meta as { align?: "right" } | undefined;
              return (
                <th
                  key={header.id}
                  scope="col"
                  className={cn("px-3 py-2 font-medium", meta?.align === "right" && "text-right")}
                  aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : sortable.includes(id) ? "none" : undefined}
                >
                  {sortable.includes(id) ? (
                    <Link href={sortHref(id, nextDir(sort, id))} className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500" data-testid={`sort-${id}`} scroll={false}>
                      {label}
                      <span aria-hidden="true">{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
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
            <tr key={row.id} className="hover:bg-slate-50" data-testid={rowTestId}>
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta as { align?: "right" } | undefined;
                return (
                  <td key={cell.id} className={cn("px-3 py-2 align-top", meta?.align === "right" && "text-right tabular-nums")}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label={caption}>
        {table.getRowModel().rows.map((row) => (
          <li key={row.id} className="p-4" data-testid={`${rowTestId}-card`}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {row.getVisibleCells().map((cell) => (
                <div key={cell.id} className="contents">
                  <dt className="text-slate-500">{flexRender(cell.column.columnDef.header, { ...headers.find((header) => header.column.id === cell.column.id)!.getContext() })}</dt>
                  <dd>{flexRender(cell.column.columnDef.cell, cell.getContext())}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
