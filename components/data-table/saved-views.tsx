"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { IDLE } from "@/lib/actions/action-state";
import type { TableId } from "@/lib/validation/table-columns";
import type { FormAction } from "./table-choices";

export interface SavedViewItem {
  id: string;
  name: string;
  query: string;
}

function CopyLink({ href }: { href: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(new URL(href, window.location.origin).toString()).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" onClick={copy} className="text-xs text-brand-700 hover:underline" aria-label="Copy the view's link">
      {copied ? "Copied" : "Copy link"}
    </button>
  );
}

/**
 * "Views": the user's named filter sets of this table. A view is the table's own link, so
 * sharing it is sending the link; whoever opens it sees the same filters on their accounts.
 */
export function SavedViews({ table, base, query, views, save, remove }: { table: TableId; base: string; query: string; views: SavedViewItem[]; save: FormAction; remove: FormAction }) {
  const [saved, saveForm, saving] = useActionState(save, IDLE);
  const [removed, removeForm] = useActionState(remove, IDLE);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (saved.status === "success" && nameRef.current) nameRef.current.value = "";
  }, [saved]);
  const hrefOf = (viewQuery: string) => (viewQuery ? `${base}?${viewQuery}` : base);

  return (
    <details className="relative" data-testid="saved-views">
      <summary className="inline-flex h-8 cursor-pointer list-none items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500">
        Views{views.length ? ` (${views.length})` : ""}
      </summary>
      <div className="absolute right-0 z-20 mt-1 flex w-72 flex-col gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        {views.length === 0 ? (
          <p className="text-sm text-slate-600">No saved views yet.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {views.map((view) => (
              <li key={view.id} className="flex items-center justify-between gap-2 text-sm" data-testid="saved-view">
                <Link href={hrefOf(view.query)} className="truncate font-medium text-brand-700 hover:underline">
                  {view.name}
                </Link>
                <span className="flex shrink-0 items-center gap-2">
                  <CopyLink href={hrefOf(view.query)} />
                  <form action={removeForm}>
                    <input type="hidden" name="viewId" value={view.id} />
                    <button type="submit" className="text-xs text-red-700 hover:underline" aria-label={`Delete the view ${view.name}`}>
                      Delete
                    </button>
                  </form>
                </span>
              </li>
            ))}
          </ul>
        )}
        {removed.status === "error" && <p className="text-xs text-red-700">{removed.message}</p>}
        <form action={saveForm} className="flex flex-col gap-2 border-t border-slate-100 pt-3">
          <input type="hidden" name="table" value={table} />
          <input type="hidden" name="query" value={query} />
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Save the current filters as
            <Input ref={nameRef} name="name" maxLength={60} required placeholder="e.g. Last week's refunds" data-testid="view-name" />
          </label>
          <Button type="submit" size="sm" disabled={saving} data-testid="view-save">
            {saving ? "Saving…" : "Save view"}
          </Button>
          {saved.message && (
            <p className={saved.status === "error" ? "text-xs text-red-700" : "text-xs text-emerald-700"} data-testid="view-message">
              {saved.message}
            </p>
          )}
        </form>
      </div>
    </details>
  );
}
