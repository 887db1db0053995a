import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";

export const metadata = { title: "Transactions" };

export default async function TransactionsPage() {
  await requirePermission("transactions:read");
  return (
    <>
      <PageHeader title="Transactions" description="USAePay sales, refunds and voids of your merchant accounts." />
      <ComingSoon what="Transactions" />
    </>
  );
}
