"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** The table could not be read (e.g. the database is unavailable): say so, offer a retry. */
export default function TransactionsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="flex flex-col items-start gap-3" data-testid="table-error">
      <Notice tone="error">The transactions could not be loaded. Try again in a moment.</Notice>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
