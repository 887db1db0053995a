"use client";

import { TableLoadError } from "@/components/data-table/table-load-error";

export default function CustomersError({ reset }: { error: Error; reset: () => void }) {
  return <TableLoadError what="customers" reset={reset} />;
}
