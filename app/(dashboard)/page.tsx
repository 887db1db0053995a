import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAccessibleMerchants } from "@/lib/dal/merchants";
import { ENVIRONMENT_LABELS } from "@/lib/validation/merchants";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const viewer = await requirePermission("dashboard:view");
  const merchants = await listAccessibleMerchants(viewer);

  return (
    <>
      <PageHeader title={`Welcome, ${viewer.name}`} description={`Signed in as ${ROLE_LABELS[viewer.role]}. Your merchant accounts:`} />
      {merchants.length === 0 ? (
        <Card>
          <CardBody className="text-sm text-slate-600" data-testid="no-merchants">
            {viewer.role === "ADMIN" ? (
              <>
                No merchant accounts yet. <Link href="/admin/merchants" className="text-brand-700 underline">Add one</Link>.
              </>
            ) : (
              "No merchant account has been shared with you yet. Ask an administrator for access."
            )}
          </CardBody>
        </Card>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="merchant-cards">
          {merchants.map((merchant) => (
            <Card key={merchant.id}>
              <CardHeader>
                <CardTitle>{merchant.name}</CardTitle>
                <div>
                  <Badge tone={merchant.environment === "production" ? "warn" : "neutral"}>{ENVIRONMENT_LABELS[merchant.environment]}</Badge>
                </div>
              </CardHeader>
              <CardBody className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
                <Link href={`/m/${merchant.slug}/transactions`} className="text-brand-700 hover:underline">
                  Transactions
                </Link>
                <Link href={`/m/${merchant.slug}/customers`} className="text-brand-700 hover:underline">
                  Customers
                </Link>
                <Link href={`/m/${merchant.slug}/access-ids`} className="text-brand-700 hover:underline">
                  Access IDs
                </Link>
              </CardBody>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
