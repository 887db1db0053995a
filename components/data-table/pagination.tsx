import Link from "next/link";
import { cn } from "@/components/ui/cn";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** Builds the link for a page, keeping the rest of the URL state. */
  hrefFor: (page: number) => string;
}

/** Links, not buttons: the URL is the table's state, so back/forward and shared links work. */
export function Pagination({ page, pageSize, total, hrefFor }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  const disabledClass = "pointer-events-none opacity-40";

  return (
    <nav aria-label="Pagination" className="flex flex-col items-center justify-between gap-2 p-4 sm:flex-row">
      <p className="text-sm text-slate-600" data-testid="pagination-summary">
        {total === 0 ? "No rows" : `${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
      </p>
      <div className="flex items-center gap-2">
        <Link href={hrefFor(page - 1)} className={cn(linkClass, page <= 1 && disabledClass)} aria-disabled={page <= 1} tabIndex={page <= 1 ? -1 : undefined} rel="prev">
          Previous
        </Link>
        <span className="text-sm text-slate-600">
          Page {page} of {pages}
        </span>
        <Link href={hrefFor(page + 1)} className={cn(linkClass, page >= pages && disabledClass)} aria-disabled={page >= pages} tabIndex={page >= pages ? -1 : undefined} rel="next">
          Next
        </Link>
      </div>
    </nav>
  );
}
