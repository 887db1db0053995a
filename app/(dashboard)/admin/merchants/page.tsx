import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getIntegratorKeyHint } from "@/lib/dal/merchant-credentials";
import { listAccessibleMerchants } from "@/lib/dal/merchants";
import { DateTime } from "../../_components/date-time";
import { ENVIRONMENT_LABELS } from "@/lib/validation/environments";
import { CreateMerchantForm } from "./_components/create-merchant-form";
import { IntegratorKeyForm } from "./_components/integrator-key-form";

export const metadata = { title: "Merchant accounts" };

export default async function MerchantsPage() {
  const viewer = await requirePermission("merchants:manage");
  const [merchants, integrator] = await Promise.all([listAccessibleMerchants(viewer), getIntegratorKeyHint(viewer)]);

  return (
    <>
      <PageHeader title="Merchant accounts" description="Each account pairs a USAePay key with a ClientPay account. Keys are sealed; only masked hints are shown." />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>{merchants.length} accounts</CardTitle>
          </CardHeader>
          {merchants.length === 0 ? (
            <CardBody className="text-sm text-slate-600">No merchant accounts yet. Add the first one with the form.</CardBody>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="merchant-list">
              {merchants.map((merchant) => (
                <li key={merchant.id} className="flex items-center justify-between gap-3 p-4">
                  <Link href={`/admin/merchants/${merchant.id}`} className="font-medium text-brand-700 hover:underline">
                    {merchant.name}
                  </Link>
                  <Badge tone={merchant.environment === "production" ? "warn" : "neutral"}>{ENVIRONMENT_LABELS[merchant.environment]}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Add an account</CardTitle>
            </CardHeader>
            <CardBody>
              <CreateMerchantForm />
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>ClientPay integrator key</CardTitle>
              <p className="text-sm text-slate-600">
                One per installation.{" "}
                {integrator ? (
                  <>
                    Stored: <span className="font-mono" data-testid="integrator-hint">{integrator.hint}</span> (since <DateTime value={integrator.updatedAt} withZone />)
                  </>
                ) : (
                  "Not set: ClientPay calls fail until it is."
                )}
              </p>
            </CardHeader>
            <CardBody>
              <IntegratorKeyForm previousHint={integrator?.previous?.hint ?? null} />
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
