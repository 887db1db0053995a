"use client";

import { buttonVariants } from "@/components/ui/button-variants";
import { Notice } from "@/components/ui/notice";

/** A table that could not be read (e.g. the database is unavailable): say so, offer a retry. */
export function TableLoadError({ what, reset }: { what: string; reset: () => void }) {
  return (
    <div className="flex flex-col items-start gap-3" data-testid="table-error">
      <Notice tone="error">The {what} could not be loaded. Try again in a moment.</Notice>
      <button type="button" className={buttonVariants({ variant: "secondary" })} onClick={reset}>
        Try again
      </button>
    </div>
  );
}
