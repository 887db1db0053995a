"use client";

import { TableLoadError } from "@/components/data-table/table-load-error";

export default function TransactionsError({ reset }: { error: Error; reset: () => void }) {
  return <TableLoadError what="transactions" reset={reset} />;
}
