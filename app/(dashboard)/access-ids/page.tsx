import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";

export const metadata = { title: "Access IDs" };

export default async function AccessIdsPage() {
  await requirePermission("access-ids:read");
  return (
    <>
      <PageHeader title="Access IDs" description="The ClientPay access ID of each merchant account." />
      <ComingSoon what="Access IDs" />
    </>
  );
}
