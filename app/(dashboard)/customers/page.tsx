import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";

export const metadata = { title: "Customers" };

export default async function CustomersPage() {
  await requirePermission("customers:read");
  return (
    <>
      <PageHeader title="Customers" description="USAePay customers of your merchant accounts." />
      <ComingSoon what="Customers" />
    </>
  );
}
