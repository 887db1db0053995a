import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAccessibleMerchants } from "@/lib/dal/merchants";

/** A section without an account in the URL opens the first account the viewer may see. */
export async function redirectToFirstMerchant(section: string, permission: Permission) {
  const viewer = await requirePermission(permission);
  const [first] = await listAccessibleMerchants(viewer);
  if (first) redirect(`/m/${first.slug}/${section}`);
  return (
    <>
      <PageHeader title="No merchant accounts" />
      <Card>
        <CardBody>
          <p className="text-sm text-slate-600" data-testid="no-merchants">
            {viewer.role === "ADMIN"
              ? "There are no merchant accounts yet. Add one under Merchant accounts."
              : "No merchant account has been shared with you yet. Ask an administrator for access."}
          </p>
        </CardBody>
      </Card>
    </>
  );
}
