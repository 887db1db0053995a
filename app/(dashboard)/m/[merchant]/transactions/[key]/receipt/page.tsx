import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getReceipt } from "@/lib/dal/receipts";
import { EmailReceiptForm } from "../_components/email-receipt-form";
import { ReceiptFrame } from "../_components/receipt-frame";

export const metadata = { title: "Receipt" };

/** USAePay's standard receipt for a transaction: view, print, email. */
export default async function ReceiptPage({ params }: { params: Promise<{ merchant: string; key: string }> }) {
  const viewer = await requirePermission("transactions:read");
  const { merchant, key: rawKey } = await params;
  const key = decodeURIComponent(rawKey);
  const receipt = await getReceipt(viewer, merchant, key);
  const back = `/m/${merchant}/transactions/${encodeURIComponent(key)}`;

  return (
    <>
      <PageHeader
        title="Receipt"
        description="As USAePay renders it (its standard template)."
        actions={
          <Link href={back} className="text-sm text-brand-700 hover:underline">
            ← Back to the transaction
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardBody>
            {receipt.ok ? (
              <ReceiptFrame html={receipt.html} title={`Receipt for transaction ${key}`} />
            ) : (
              <Notice tone="error" data-testid="receipt-error">
                {receipt.message}
              </Notice>
            )}
          </CardBody>
        </Card>
        {can(viewer.role, "transactions:email-receipt") && (
          <Card>
            <CardBody>
              <EmailReceiptForm slug={merchant} txKey={key} defaultEmail={receipt.customerEmail} />
            </CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
