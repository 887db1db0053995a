"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/lib/format-numbers";
import type { ColumnChoice } from "@/lib/validation/table-columns";
import { useVisibleColumns } from "./table-choices";

type Progress =
  | { phase: "idle" }
  | { phase: "running"; rows: number; total: number | null }
  | { phase: "done"; rows: number; href: string; filename: string }
  | { phase: "error"; message: string };

const CR = 13;
const LF = 10;

/** Records written so far: each ends in CRLF, and values never contain one (the server turns them into LF). */
function countRecords(chunk: Uint8Array, previous: number): number {
  let count = 0;
  for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === LF && (i > 0 ? chunk[i - 1] : previous) === CR) count += 1;
  return count;
}

/**
 * "Export CSV": choose the columns (the table's visible ones preselected), then the whole
 * filtered set streams from the export route while the dialog counts the rows received against
 * the total the server announced. When it is complete the file is saved; nothing is saved from a
 * broken or cancelled download. A native <dialog>, so it needs no library.
 */
export function ExportDialog({ href, columns, label = "Export CSV" }: { href: string; columns: readonly ColumnChoice[]; label?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const abort = useRef<AbortController | null>(null);
  const visible = useVisibleColumns() ?? columns.filter((column) => column.inTable).map((column) => column.id);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });
  const selected = chosen ?? visible;

  const open = () => {
    setChosen(null);
    setProgress({ phase: "idle" });
    dialog.current?.showModal();
  };
  const close = () => {
    abort.current?.abort();
    dialog.current?.close();
  };
  const toggle = (id: string) => setChosen(selected.includes(id) ? selected.filter((other) => other !== id) : [...selected, id]);

  const download = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const url = `${href}${href.includes("?") ? "&" : "?"}columns=${encodeURIComponent(columns.filter((column) => selected.includes(column.id)).map((column) => column.id).join(","))}`;
    setProgress({ phase: "running", rows: 0, total: null });
    try {
      const response = await fetch(url, { signal: controller.signal, cache: "no-store" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setProgress({ phase: "error", message: body?.error ?? "The export failed. Try again." });
        return;
      }
      const total = Number(response.headers.get("x-export-total") ?? "") || null;
      const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let records = 0;
      let last = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        records += countRecords(value, last);
        last = value[value.length - 1] ?? last;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        setProgress({ phase: "running", rows: Math.max(0, records - 1), total });
      }
      const objectUrl = URL.createObjectURL(new Blob(chunks, { type: "text/csv;charset=utf-8" }));
      const anchor = document.createElement("a");
      anchor.href = objectUrl;
      anchor.download = filename;
      anchor.click();
      setProgress({ phase: "done", rows: Math.max(0, records - 1), href: objectUrl, filename });
    } catch {
      setProgress(controller.signal.aborted ? { phase: "idle" } : { phase: "error", message: "The download was interrupted. Try again." });
    }
  };

  const running = progress.phase === "running";
  return (
    <>
      <Button type="button" variant="secondary" size="sm" onClick={open} data-testid="export-open">
        {label}
      </Button>
      <dialog ref={dialog} className="m-auto w-[min(92vw,32rem)] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" aria-labelledby="export-title" data-testid="export-dialog" onClose={() => abort.current?.abort()}>
        <div className="flex flex-col gap-4 p-6">
          <h2 id="export-title" className="text-lg font-semibold">
            Export every matching row
          </h2>
          <p className="text-sm text-slate-600">All rows that match the current filters, in the current order, as CSV. Dates are in your time zone.</p>
          <fieldset className="grid grid-cols-2 gap-1" disabled={running}>
            <legend className="mb-1 text-sm font-medium">Columns</legend>
            {columns.map((column) => (
              <label key={column.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={selected.includes(column.id)} onChange={() => toggle(column.id)} data-testid={`export-column-${column.id}`} />
                {column.label}
              </label>
            ))}
          </fieldset>
          <div aria-live="polite" className="text-sm" data-testid="export-progress">
            {progress.phase === "running" && (
              <div className="flex flex-col gap-1">
                <span>
                  {formatCount(progress.rows)}
                  {progress.total !== null ? ` of ${formatCount(progress.total)}` : ""} rows…
                </span>
                <progress className="h-2 w-full" max={progress.total ?? undefined} value={progress.total ? progress.rows : undefined} aria-label="Export progress" />
              </div>
            )}
            {progress.phase === "done" && (
              <span data-testid="export-done">
                Saved {formatCount(progress.rows)} rows as{" "}
                <a href={progress.href} download={progress.filename} className="text-brand-700 underline">
                  {progress.filename}
                </a>
                .
              </span>
            )}
            {progress.phase === "error" && (
              <span className="text-red-700" data-testid="export-error">
                {progress.message}
              </span>
            )}
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              {running ? "Cancel" : "Close"}
            </Button>
            <Button type="button" onClick={download} disabled={running || selected.length === 0} data-testid="export-download">
              {running ? "Exporting…" : "Download CSV"}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
