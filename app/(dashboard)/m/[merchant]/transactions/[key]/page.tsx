import Link from "next/link";
import type { ReactNode } from "react";
import { DetailSource } from "@/components/data-table/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getTransactionDetail } from "@/lib/dal/transactions";
import { DateTime } from "@/components/time/time-zone";
import { formatCents } from "@/lib/format";
import { cardBrandLabel } from "@/lib/validation/transactions";
import { StatusBadge } from "../_components/status-badge";

export const metadata = { title: "Transaction" };

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {children ?? "—"}
      </dd>
    </div>
  );
}

/** Live from USAePay when possible; otherwise the mirror's copy, clearly marked. */
export default async function TransactionDetailPage({ params }: { params: Promise<{ merchant: string; key: string }> }) {
  const viewer = await requirePermission("transactions:read");
  const { merchant, key } = await params;
  const { transaction: tx, source, fallbackReason, mirroredAt } = await getTransactionDetail(viewer, merchant, decodeURIComponent(key));
  const base = `/m/${merchant}`;

  return (
    <>
      <PageHeader
        title={`Transaction ${tx.refnum}`}
        description={<DateTime value={tx.createdAt} withZone />}
        actions={
          <Link href={`${base}/transactions`} className="text-sm text-brand-700 hover:underline">
            ← All transactions
          </Link>
        }
      />
      <DetailSource source={source} copiedAt={mirroredAt} fallbackReason={fallbackReason} />
      <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="transaction-detail">
        <Field label="Amount" testId="detail-amount">{formatCents(tx.amountCents)}</Field>
        <Field label="Status"><StatusBadge code={tx.statusCode} label={tx.statusLabel} /></Field>
        <Field label="Type">{tx.typeLabel}</Field>
        <Field label="Result" testId="detail-result">{tx.errorMessage ? `${tx.outcome} — ${tx.errorMessage}` : tx.outcome}</Field>
        <Field label="Auth code" testId="detail-auth">{tx.authCode}</Field>
        <Field label="Reference">{tx.refnum}</Field>
        <Field label="Card">{tx.cardMasked ? `${cardBrandLabel(tx.cardBrand) ?? ""} ${tx.cardMasked}`.trim() : tx.checkMasked ? `Check ${tx.checkMasked}` : null}</Field>
        <Field label="Cardholder">{tx.cardholder}</Field>
        <Field label="Entry mode">{tx.entryMode}</Field>
        <Field label="AVS" testId="detail-avs">{tx.avsCode ? `${tx.avsCode} — ${tx.avsLabel}` : null}</Field>
        <Field label="CVC" testId="detail-cvc">{tx.cvcCode ? `${tx.cvcCode} — ${tx.cvcLabel}` : null}</Field>
        <Field label="Batch" testId="detail-batch">{tx.batchRefnum ?? tx.batchKey}</Field>
        <Field label="Customer">
          {tx.customerKey ? (
            <Link href={`${base}/customers/${encodeURIComponent(tx.customerKey)}`} className="text-brand-700 hover:underline">
              {tx.customerEmail ?? "View customer"}
            </Link>
          ) : (
            tx.customerEmail
          )}
        </Field>
        <Field label="Invoice">{tx.invoice}</Field>
        <Field label="Order id">{tx.orderId}</Field>
        <Field label="Description">{tx.description}</Field>
        {tx.taxCents !== null && <Field label="Tax">{formatCents(tx.taxCents)}</Field>}
        {tx.tipCents !== null && <Field label="Tip">{formatCents(tx.tipCents)}</Field>}
      </dl>
    </>
  );
}
