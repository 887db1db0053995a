import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { zoneOf } from "@/lib/auth/viewer";
import { getMerchant } from "@/lib/dal/merchants";
import { prepareNewPaymentRequest } from "@/lib/dal/payment-requests";
import { zonedDay } from "@/lib/time-zone";
import { ClientpayAccessNotice } from "../../_components/clientpay-access-notice";
import { RequestForm } from "../_components/request-form";

export const metadata = { title: "New payment request" };

export default async function NewPaymentRequestPage({ params, searchParams }: { params: Promise<{ merchant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("payment-requests:create");
  const { merchant: slug } = await params;
  const { payer } = await searchParams;
  const merchant = await getMerchant(viewer, slug);
  const form = await prepareNewPaymentRequest(viewer, slug, typeof payer === "string" ? payer : undefined);

  return (
    <>
      <PageHeader
        title="New payment request"
        description={`${merchant.name} · ClientPay creates a payment page for these invoices; you send its link to the client.`}
        actions={
          <Link href={`/m/${merchant.slug}/payment-requests`} className="text-sm text-brand-700 hover:underline">
            ← All payment requests
          </Link>
        }
      />
      <ClientpayAccessNotice access={form.access} slug={merchant.slug} canFix={can(viewer.role, "access-ids:rotate")} />
      <RequestForm slug={merchant.slug} token={form.token} draftKey={form.draftKey} today={zonedDay(new Date(), zoneOf(viewer))} payer={form.payer} />
    </>
  );
}
