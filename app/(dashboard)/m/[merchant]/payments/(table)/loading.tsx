import { TableSkeleton } from "@/components/data-table/table-skeleton";

export default function Loading() {
  return <TableSkeleton label="Loading ClientPay payments" columns={7} />;
}
