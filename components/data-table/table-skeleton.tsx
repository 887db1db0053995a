/** Shown by the tables' loading.tsx while the server renders the next state. */
export function TableSkeleton({ rows = 10, columns = 6, label }: { rows?: number; columns?: number; label: string }) {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label={label} data-testid="table-skeleton">
      <div className="mb-6 h-8 w-48 rounded bg-slate-200" />
      <div className="mb-4 h-10 w-full rounded bg-slate-100" />
      <div className="rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: rows }, (_, row) => (
          <div key={row} className="flex gap-4 border-b border-slate-100 px-3 py-3">
            {Array.from({ length: columns }, (_, column) => (
              <div key={column} className="h-4 flex-1 rounded bg-slate-100" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
