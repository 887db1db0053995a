"use client";

import { TableLoadError } from "@/components/data-table/table-load-error";

export default function PaymentsError({ reset }: { error: Error; reset: () => void }) {
  return <TableLoadError what="ClientPay payments" reset={reset} />;
}
