"use client";

import type { ReactNode } from "react";
import { Field } from "@/components/forms/field";
import { MoneyForm, type Review } from "@/components/forms/money-form";
import { ReasonFields, reasonText } from "@/components/forms/reason-fields";
import { Input } from "@/components/ui/input";
import { adjustTransactionAction, captureTransactionAction, refundTransactionAction, voidTransactionAction } from "@/lib/actions/transaction-money";
import { formatCents } from "@/lib/format-numbers";
import { centsToDollarsText, parseDollars } from "@/lib/validation/dollars";

interface Restated {
  amountCents: number;
  card: string | null;
  customer: string | null;
}

interface TransactionActionsProps {
  slug: string;
  txKey: string;
  forms: Partial<Record<"refund" | "void" | "capture" | "adjust", { token: string }>>;
  confirm: Restated;
  remainingCents: number | null;
  authorizedCents: number;
  refundedCents: number;
  releaseOffered: boolean;
  approvalAboveCents: number | null;
}

/** What every confirmation restates: amount, masked card, customer, reason. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800" data-testid="confirm-facts">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-medium">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Reads the amount field as the server will (parseDollars), so the dialog restates exactly that. */
function amountFrom(values: FormData): number | string {
  const parsed = parseDollars(String(values.get("amount") ?? ""));
  if (!parsed.ok) return "Enter an amount in dollars, like 12.50.";
  if (parsed.cents <= 0) return "The amount must be more than $0.00.";
  return parsed.cents;
}

/** The amount field and the reason of a refund, capture or adjustment. */
function amountWithReason(prefix: string, label: string, hint: string, initial: string, placeholder?: string) {
  return function AmountWithReason(errors: Record<string, string[] | undefined>, values: Record<string, string>) {
    return (
      <>
        <Field id={`${prefix}-amount`} label={label} errors={errors.amount} hint={hint}>
          <Input id={`${prefix}-amount`} name="amount" inputMode="decimal" autoComplete="off" defaultValue={values.amount ?? initial} placeholder={placeholder} aria-invalid={!!errors.amount} />
        </Field>
        <ReasonFields idPrefix={prefix} errors={errors} values={values} />
      </>
    );
  };
}

function confirmation(title: string, confirmLabel: string, intro: ReactNode, rows: [string, ReactNode][]): Review {
  return {
    title,
    confirmLabel,
    description: (
      <>
        {intro}
        <Facts rows={rows} />
      </>
    ),
  };
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <details className="rounded-md border border-slate-200 bg-white open:shadow-xs" data-testid={testId}>
      <summary className="cursor-pointer select-none px-4 py-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-brand-500">{title}</summary>
      <div className="border-t border-slate-100 px-4 py-4">{children}</div>
    </details>
  );
}

/** The money actions this viewer may take on this transaction now; each confirms before sending. */
export function TransactionActions({ slug, txKey, forms, confirm, remainingCents, authorizedCents, refundedCents, releaseOffered, approvalAboveCents }: TransactionActionsProps) {
  const hidden = (token: string) => ({ merchant: slug, key: txKey, token });
  const who: [string, ReactNode][] = [
    ["Card", confirm.card],
    ["Customer", confirm.customer],
  ];
  const reasonOrProblem = (values: FormData) => reasonText(values) ?? "Choose a reason (and say what it is for Other).";

  return (
    <div className="flex flex-col gap-3" data-testid="transaction-actions">
      {forms.refund && remainingCents !== null && (
        <Section title="Refund" testId="action-refund">
          <MoneyForm
            action={refundTransactionAction}
            hidden={hidden(forms.refund.token)}
            testId="refund-form"
            reviewLabel="Review refund"
            pendingLabel="Refunding…"
            tone="danger"
            fields={amountWithReason("refund", "Amount to refund ($)", `Up to ${formatCents(remainingCents)}; the whole remaining amount is filled in.`, centsToDollarsText(remainingCents))}
            review={(values): Review | string => {
              const amount = amountFrom(values);
              if (typeof amount === "string") return amount;
              if (amount > remainingCents) return `That is more than the ${formatCents(remainingCents)} still refundable.`;
              const reason = reasonText(values);
              if (!reason) return reasonOrProblem(values);
              const needsApproval = approvalAboveCents !== null && amount > approvalAboveCents;
              return confirmation(
                needsApproval ? `Ask for approval to refund ${formatCents(amount)}?` : `Refund ${formatCents(amount)}?`,
                needsApproval ? "Ask for approval" : `Refund ${formatCents(amount)}`,
                needsApproval
                  ? `Refunds above ${formatCents(approvalAboveCents)} need a second person: this sends a request to another manager or admin, and nothing is refunded until they approve it.`
                  : "The money goes back to the card or account the sale was paid with. This cannot be undone once the batch settles.",
                [["Refund", formatCents(amount)], ["Of a sale of", formatCents(confirm.amountCents)], ...who, ["Reason", reason]],
              );
            }}
          />
        </Section>
      )}
      {forms.void && (
        <Section title="Void" testId="action-void">
          <MoneyForm
            action={voidTransactionAction}
            hidden={hidden(forms.void.token)}
            testId="void-form"
            reviewLabel="Review void"
            pendingLabel="Voiding…"
            tone="danger"
            fields={(errors, values) => (
              <>
                <p className="text-sm text-slate-600">
                  Voiding cancels the transaction before it settles: the customer is not charged. The hold on their card usually drops off within a few days, on
                  their bank&apos;s schedule.
                </p>
                {releaseOffered && (
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="release" defaultChecked={values.release === "on"} className="mt-1" data-testid="void-release" />
                    <span>
                      Also <strong>release the funds</strong> now: the hold on the card is lifted at once, so the customer can use the money again right away. A
                      released void cannot be undone.
                    </span>
                  </label>
                )}
                <ReasonFields idPrefix="void" errors={errors} values={values} />
              </>
            )}
            review={(values) => {
              const reason = reasonText(values);
              if (!reason) return reasonOrProblem(values);
              const release = values.get("release") === "on";
              return confirmation(
                release ? `Void ${formatCents(confirm.amountCents)} and release the funds?` : `Void ${formatCents(confirm.amountCents)}?`,
                release ? "Void and release funds" : "Void",
                release
                  ? "It will not settle, and the hold on the customer's card is released at once. This cannot be undone."
                  : "It will not settle and the customer is not charged; the hold on their card drops off on their bank's schedule.",
                [["Amount", formatCents(confirm.amountCents)], ...who, ["Reason", reason]],
              );
            }}
          />
        </Section>
      )}
      {forms.capture && (
        <Section title="Capture" testId="action-capture">
          <MoneyForm
            action={captureTransactionAction}
            hidden={hidden(forms.capture.token)}
            testId="capture-form"
            reviewLabel="Review capture"
            pendingLabel="Capturing…"
            fields={amountWithReason(
              "capture",
              "Amount to capture ($, optional)",
              `Leave empty to capture the whole ${formatCents(authorizedCents)} authorized; a lower amount releases the rest.`,
              "",
              centsToDollarsText(authorizedCents),
            )}
            review={(values) => {
              const typed = String(values.get("amount") ?? "").trim();
              const amount = typed ? amountFrom(values) : authorizedCents;
              if (typeof amount === "string") return amount;
              if (amount > authorizedCents) return `A capture can be at most the ${formatCents(authorizedCents)} authorized.`;
              const reason = reasonText(values);
              if (!reason) return reasonOrProblem(values);
              return confirmation(`Capture ${formatCents(amount)}?`, `Capture ${formatCents(amount)}`, "The authorization becomes a sale in the open batch and settles with it.", [
                ["Capture", formatCents(amount)],
                ["Authorized", formatCents(authorizedCents)],
                ...who,
                ["Reason", reason],
              ]);
            }}
          />
        </Section>
      )}
      {forms.adjust && (
        <Section title="Adjust amount" testId="action-adjust">
          <MoneyForm
            action={adjustTransactionAction}
            hidden={hidden(forms.adjust.token)}
            testId="adjust-form"
            reviewLabel="Review adjustment"
            pendingLabel="Adjusting…"
            fields={amountWithReason(
              "adjust",
              "New total ($)",
              refundedCents > 0 ? `Not below the ${formatCents(refundedCents)} already refunded.` : "The sale's new total, not a difference.",
              centsToDollarsText(confirm.amountCents),
            )}
            review={(values) => {
              const amount = amountFrom(values);
              if (typeof amount === "string") return amount;
              if (amount < refundedCents) return `The amount cannot go below the ${formatCents(refundedCents)} already refunded.`;
              if (amount === confirm.amountCents) return "That is the amount it already has.";
              const reason = reasonText(values);
              if (!reason) return reasonOrProblem(values);
              return confirmation(`Change the amount to ${formatCents(amount)}?`, `Set to ${formatCents(amount)}`, "The unsettled sale is changed in place; it settles for the new amount.", [
                ["Now", formatCents(confirm.amountCents)],
                ["New total", formatCents(amount)],
                ...who,
                ["Reason", reason],
              ]);
            }}
          />
        </Section>
      )}
    </div>
  );
}
