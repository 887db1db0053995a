"use client";

import { TableLoadError } from "@/components/data-table/table-load-error";

export default function BatchesError({ reset }: { error: Error; reset: () => void }) {
  return <TableLoadError what="batches" reset={reset} />;
}
