import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getAccessibleMerchant } from "@/lib/dal/merchants";

export const metadata = { title: "Access IDs" };

export default async function MerchantAccessIDsPage({ params }: { params: Promise<{ merchant: string }> }) {
  const viewer = await requirePermission("access-ids:read");
  const merchant = await getAccessibleMerchant(viewer, (await params).merchant);
  return (
    <>
      <PageHeader title="Access IDs" description={merchant.name} />
      <ComingSoon what="Access IDs" />
    </>
  );
}
