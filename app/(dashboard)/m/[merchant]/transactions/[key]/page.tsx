import Link from "next/link";
import type { ReactNode } from "react";
import { DetailSource } from "@/components/data-table/detail-source";
import { PageHeader } from "@/components/shell/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getTransactionDetail } from "@/lib/dal/transactions";
import { formatCents, formatDateTime } from "@/lib/format";
import { NotMirrored } from "../../_components/not-mirrored";
import { signedCents } from "@/lib/validation/transaction-types";
import { StatusBadge } from "../_components/status-badge";
import { TypeBadge } from "../_components/type-badge";
import { MoneyPanel } from "./_components/money-panel";

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

/** The mirror's copy, kept fresh from USAePay in the background (the render never waits on it). */
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
        description={formatDateTime(tx.createdAt)}
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
        <Field label="Amount" testId="detail-amount">{formatCents(signedCents(tx.kind, tx.amountCents))}</Field>
        <Field label="Status"><StatusBadge code={tx.statusCode} label={tx.statusLabel} /></Field>
        <Field label="Type" testId="detail-type">
          <span className="flex flex-wrap items-center gap-2">
            <TypeBadge kind={tx.kind} />
            <span className="text-slate-600">{tx.typeLabel}</span>
          </span>
        </Field>
        <Field label="Result" testId="detail-result">{tx.errorMessage ? `${tx.outcome} — ${tx.errorMessage}` : tx.outcome}</Field>
        <Field label="Auth code" testId="detail-auth">{tx.authCode}</Field>
        <Field label="Reference">{tx.refnum}</Field>
        <Field label="Card">{tx.cardMasked ? `${tx.cardBrand ?? ""} ${tx.cardMasked}`.trim() : tx.checkMasked ? `Check ${tx.checkMasked}` : null}</Field>
        <Field label="Cardholder">{tx.cardholder}</Field>
        <Field label="Entry mode">{tx.entryMode}</Field>
        <Field label="AVS" testId="detail-avs">{tx.avsCode ? `${tx.avsCode} — ${tx.avsLabel}` : null}</Field>
        <Field label="CVC" testId="detail-cvc">{tx.cvcCode ? `${tx.cvcCode} — ${tx.cvcLabel}` : null}</Field>
        <Field label="Batch" testId="detail-batch">
          {tx.batchKey ? (
            <Link href={`${base}/batches/${encodeURIComponent(tx.batchKey)}`} className="text-brand-700 hover:underline" data-testid="batch-link">
              {tx.batchRefnum ?? tx.batchKey}
            </Link>
          ) : null}
        </Field>
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
      <div className="mt-6">
        <MoneyPanel slug={merchant} tx={tx} money={money} />
      </div>
    </>
  );
}
