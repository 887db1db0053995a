import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getCredentialHints } from "@/lib/dal/merchant-credentials";
import { getMerchantForAdmin, listGrants } from "@/lib/dal/merchants";
import { getRefundApprovalLimit } from "@/lib/dal/refund-approvals";
import { getWebhookSettings } from "@/lib/dal/usaepay-webhooks";
import { listUsers } from "@/lib/dal/users";
import { CredentialsCard } from "./_components/credentials-card";
import { GrantsCard } from "./_components/grants-card";
import { RefundLimitCard } from "./_components/refund-limit-card";
import { SettingsForm } from "./_components/settings-form";
import { WebhookCard } from "./_components/webhook-card";

export const metadata = { title: "Merchant account" };

export default async function MerchantAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("merchants:manage");
  const { id } = await params;
  const merchant = await getMerchantForAdmin(viewer, id);
  const [credentials, grants, users, webhook, refundLimit] = await Promise.all([
    getCredentialHints(viewer, merchant.id),
    listGrants(viewer, merchant.id),
    listUsers(viewer),
    getWebhookSettings(viewer, merchant.id),
    getRefundApprovalLimit(viewer, merchant.id),
  ]);
  const grantable = users.filter((user) => user.role !== "ADMIN" && !user.disabled && !grants.some((grant) => grant.userId === user.id));

  return (
    <>
      <PageHeader
        title={merchant.name}
        description={<Link href="/admin/merchants" className="text-brand-700 hover:underline">← All merchant accounts</Link>}
        actions={
          <Link href={`/m/${merchant.slug}/transactions`} className={buttonVariants({ variant: "secondary" })}>
            Open account
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <CredentialsCard merchantId={merchant.id} gateway="usaepay" title="USAePay API key and PIN" baseUrl={merchant.endpoints.usaepayBaseUrl} credentials={credentials.usaepay} />
        <CredentialsCard merchantId={merchant.id} gateway="clientpay" title="ClientPay account key and PIN" baseUrl={merchant.endpoints.clientpayBaseUrl} credentials={credentials.clientpay} />
        <Card>
          <CardHeader>
            <CardTitle>Settings</CardTitle>
          </CardHeader>
          <CardBody>
            <SettingsForm merchant={merchant} />
          </CardBody>
        </Card>
        <GrantsCard merchantId={merchant.id} grants={grants} grantable={grantable.map(({ id: userId, email, name, role }) => ({ userId, email, name, role }))} />
        <WebhookCard merchantId={merchant.id} settings={webhook} />
        <RefundLimitCard merchantId={merchant.id} limitCents={refundLimit} />
      </div>
    </>
  );
}
