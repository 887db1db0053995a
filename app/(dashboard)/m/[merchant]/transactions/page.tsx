import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getAccessibleMerchant } from "@/lib/dal/merchants";

export const metadata = { title: "Transactions" };

export default async function MerchantTransactionsPage({ params }: { params: Promise<{ merchant: string }> }) {
  const viewer = await requirePermission("transactions:read");
  const merchant = await getAccessibleMerchant(viewer, (await params).merchant);
  return (
    <>
      <PageHeader title="Transactions" description={merchant.name} />
      <ComingSoon what="Transactions" />
    </>
  );
}
