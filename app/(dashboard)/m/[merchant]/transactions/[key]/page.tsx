import Link from "next/link";
import { DetailSource } from "../../../../_components/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { DetailField } from "@/components/ui/detail-field";
import { requirePermission } from "@/lib/auth/session";
import { getTransactionDetail } from "@/lib/dal/transactions";
import { DateTime } from "../../../../_components/date-time";
import { formatCents } from "@/lib/format";
import { NotMirrored } from "../../_components/not-mirrored";
import { signedCents } from "@/lib/validation/transaction-types";
import { cardBrandLabel } from "@/lib/validation/transactions";
import { StatusBadge } from "../_components/status-badge";
import { TypeBadge } from "../_components/type-badge";
import { MoneyPanel } from "./_components/money-panel";

export const metadata = { title: "Transaction" };

/** The mirror's copy, kept fresh from USAePay (the render never waits on it but for people who may move its money). */
export default async function TransactionDetailPage({ params }: { params: Promise<{ merchant: string; key: string }> }) {
  const viewer = await requirePermission("transactions:read");
  const { merchant, key } = await params;
  const detail = await getTransactionDetail(viewer, merchant, decodeURIComponent(key));
  const base = `/m/${merchant}`;
  if (!detail) {
    return (
      <>
        <PageHeader title="Transaction" actions={<Link href={`${base}/transactions`} className="text-sm text-brand-700 hover:underline">← All transactions</Link>} />
        <NotMirrored merchant={merchant} record="transaction" recordKey={decodeURIComponent(key)} />
      </>
    );
  }
  const { transaction: tx, state, reason, mirroredAt, money } = detail;

  return (
    <>
      <PageHeader
        title={`Transaction ${tx.refnum}`}
        description={<DateTime value={tx.createdAt} withZone />}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <Link href={`${base}/transactions/${encodeURIComponent(tx.key)}/receipt`} className="text-sm text-brand-700 hover:underline" data-testid="receipt-link">
              Receipt
            </Link>
            <Link href={`${base}/transactions`} className="text-sm text-brand-700 hover:underline">
              ← All transactions
            </Link>
          </div>
        }
      />
      <DetailSource state={state} copiedAt={mirroredAt} reason={reason} />
      <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="transaction-detail">
        <DetailField label="Amount" testId="detail-amount">{formatCents(signedCents(tx.kind, tx.amountCents))}</DetailField>
        <DetailField label="Status"><StatusBadge code={tx.statusCode} label={tx.statusLabel} /></DetailField>
        <DetailField label="Type" testId="detail-type">
          <span className="flex flex-wrap items-center gap-2">
            <TypeBadge kind={tx.kind} />
            <span className="text-slate-600">{tx.typeLabel}</span>
          </span>
        </DetailField>
        <DetailField label="Result" testId="detail-result">{tx.errorMessage ? `${tx.outcome} — ${tx.errorMessage}` : tx.outcome}</DetailField>
        <DetailField label="Auth code" testId="detail-auth">{tx.authCode}</DetailField>
        <DetailField label="Reference">{tx.refnum}</DetailField>
        <DetailField label="Card">{tx.cardMasked ? `${cardBrandLabel(tx.cardBrand) ?? ""} ${tx.cardMasked}`.trim() : tx.checkMasked ? `Check ${tx.checkMasked}` : null}</DetailField>
        <DetailField label="Cardholder">{tx.cardholder}</DetailField>
        <DetailField label="Entry mode">{tx.entryMode}</DetailField>
        <DetailField label="AVS" testId="detail-avs">{tx.avsCode ? `${tx.avsCode} — ${tx.avsLabel}` : null}</DetailField>
        <DetailField label="CVC" testId="detail-cvc">{tx.cvcCode ? `${tx.cvcCode} — ${tx.cvcLabel}` : null}</DetailField>
        <DetailField label="Batch" testId="detail-batch">
          {tx.batchKey ? (
            <Link href={`${base}/batches/${encodeURIComponent(tx.batchKey)}`} className="text-brand-700 hover:underline" data-testid="batch-link">
              {tx.batchRefnum ?? tx.batchKey}
            </Link>
          ) : null}
        </DetailField>
        <DetailField label="Customer">
          {tx.customerKey ? (
            <Link href={`${base}/customers/${encodeURIComponent(tx.customerKey)}`} className="text-brand-700 hover:underline">
              {tx.customerEmail ?? "View customer"}
            </Link>
          ) : (
            tx.customerEmail
          )}
        </DetailField>
        <DetailField label="Invoice">{tx.invoice}</DetailField>
        <DetailField label="Order id">{tx.orderId}</DetailField>
        <DetailField label="Description">{tx.description}</DetailField>
        {tx.taxCents !== null && <DetailField label="Tax">{formatCents(tx.taxCents)}</DetailField>}
        {tx.tipCents !== null && <DetailField label="Tip">{formatCents(tx.tipCents)}</DetailField>}
      </dl>
      <div className="mt-6">
        <MoneyPanel slug={merchant} tx={tx} money={money} />
      </div>
    </>
  );
}
