import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getAccessibleMerchant } from "@/lib/dal/merchants";

export const metadata = { title: "Customers" };

export default async function MerchantCustomersPage({ params }: { params: Promise<{ merchant: string }> }) {
  const viewer = await requirePermission("customers:read");
  const merchant = await getAccessibleMerchant(viewer, (await params).merchant);
  return (
    <>
      <PageHeader title="Customers" description={merchant.name} />
      <ComingSoon what="Customers" />
    </>
  );
}
