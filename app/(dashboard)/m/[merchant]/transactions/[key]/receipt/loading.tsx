import { TableSkeleton } from "@/components/data-table/table-skeleton";

export default function Loading() {
  return <TableSkeleton label="Asking USAePay for the receipt" columns={1} />;
}
