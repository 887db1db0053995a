import Form from "next/form";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { lastPage } from "@/lib/validation/table-state";

/**
 * The one pager of every server-rendered table. Links, not buttons: the URL is the table's
 * state, so back/forward and shared links work. The next page is prefetched in full, so
 * paging forward feels instant; "Go to page" jumps anywhere without walking there.
 */
interface TablePagerProps {
  page: number;
  pageSize: number;
  total: number;
  /** Builds the link for a page, keeping the rest of the URL state. */
  hrefFor: (page: number) => string;
  /** Where "Go to page" submits (the table's path)... */
  action: string;
  /** ...with the rest of the current state as hidden fields. */
  hidden?: Record<string, string | number | undefined>;
}

export function TablePager({ page, pageSize, total, hrefFor, action, hidden = {} }: TablePagerProps) {
  const pages = lastPage(total, pageSize);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500";
  const off = "pointer-events-none opacity-40";
  const edge = (target: number, label: string, disabled: boolean, extra: { rel?: string; prefetch?: boolean; testId: string }) => (
    <Link
      href={hrefFor(target)}
      className={cn(link, disabled && off)}
      aria-disabled={disabled}
      tabIndex={disabled ? -1 : undefined}
      rel={extra.rel}
      prefetch={extra.prefetch && !disabled ? true : undefined}
      data-testid={extra.testId}
    >
      {label}
    </Link>
  );

  return (
    <nav aria-label="Pagination" className="flex flex-col items-center justify-between gap-3 border-t border-slate-200 p-4 lg:flex-row">
      <p className="text-sm text-slate-600" data-testid="pagination-summary">
        {total === 0 ? "No rows" : `${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        {edge(1, "First", page <= 1, { testId: "page-first" })}
        {edge(page - 1, "Previous", page <= 1, { rel: "prev", testId: "page-prev" })}
        <span className="text-sm text-slate-600" data-testid="page-indicator">
          Page {page.toLocaleString("en-US")} of {pages.toLocaleString("en-US")}
        </span>
        {edge(page + 1, "Next", page >= pages, { rel: "next", prefetch: true, testId: "page-next" })}
        {edge(pages, "Last", page >= pages, { testId: "page-last" })}
        <Form action={action} className="flex items-center gap-1">
          {Object.entries(hidden).map(([name, value]) =>
            value === undefined || value === "" ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
          )}
          <label className="sr-only" htmlFor="goto-page">
            Go to page
          </label>
          <input id="goto-page" name="page" type="number" min={1} max={pages} defaultValue={page} className="h-8 w-20 rounded-md border border-slate-300 px-2 text-sm" />
          <button type="submit" className={link}>
            Go
          </button>
        </Form>
      </div>
    </nav>
  );
}
