"use client";

import { Field } from "@/components/forms/field";
import { MoneyForm } from "@/components/forms/money-form";
import { Input, NativeSelect } from "@/components/ui/input";
import { chargeSavedMethodAction } from "@/lib/actions/money-desk";
import { formatCents } from "@/lib/format-numbers";
import { parseDollars } from "@/lib/validation/dollars";

interface ChargeFormProps {
  slug: string;
  customerKey: string;
  customerName: string;
  token: string;
  methods: { key: string; label: string; expires: string | null }[];
}

/** Charge a saved card or bank account: chosen by its last four digits; no card number is ever typed here. */
export function ChargeForm({ slug, customerKey, customerName, token, methods }: ChargeFormProps) {
  return (
    <MoneyForm
      action={chargeSavedMethodAction}
      hidden={{ merchant: slug, customer: customerKey, token }}
      testId="charge-form"
      reviewLabel="Review charge"
      pendingLabel="Charging…"
      fields={(errors, values) => (
        <>
          <Field id="charge-method" label="Saved payment method" errors={errors.paymentMethod}>
            <NativeSelect id="charge-method" name="paymentMethod" defaultValue={values.paymentMethod ?? methods[0]?.key} className="w-full" aria-invalid={!!errors.paymentMethod}>
              {methods.map((method) => (
                <option key={method.key} value={method.key}>
                  {method.label}
                  {method.expires && method.expires !== "0000-00-00" ? ` · expires ${method.expires}` : ""}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="charge-amount" label="Amount ($)" errors={errors.amount}>
            <Input id="charge-amount" name="amount" inputMode="decimal" autoComplete="off" defaultValue={values.amount ?? ""} placeholder="0.00" aria-invalid={!!errors.amount} />
          </Field>
          <Field id="charge-invoice" label="Invoice (optional)" errors={errors.invoice}>
            <Input id="charge-invoice" name="invoice" maxLength={25} autoComplete="off" defaultValue={values.invoice ?? ""} aria-invalid={!!errors.invoice} />
          </Field>
          <Field id="charge-description" label="Description (optional)" errors={errors.description}>
            <Input id="charge-description" name="description" maxLength={255} autoComplete="off" defaultValue={values.description ?? ""} aria-invalid={!!errors.description} />
          </Field>
        </>
      )}
      review={(values) => {
        const parsed = parseDollars(String(values.get("amount") ?? ""));
        if (!parsed.ok || parsed.cents <= 0) return "Enter an amount in dollars, like 12.50.";
        const method = methods.find((candidate) => candidate.key === values.get("paymentMethod"));
        if (!method) return "Choose a saved payment method.";
        const invoice = String(values.get("invoice") ?? "").trim();
        const description = String(values.get("description") ?? "").trim();
        return {
          title: `Charge ${formatCents(parsed.cents)} to ${method.label}?`,
          confirmLabel: `Charge ${formatCents(parsed.cents)}`,
          description: (
            <>
              The customer&apos;s saved payment method is charged now, once.
              <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800" data-testid="confirm-facts">
                <dt className="text-slate-500">Amount</dt>
                <dd className="font-medium">{formatCents(parsed.cents)}</dd>
                <dt className="text-slate-500">Card</dt>
                <dd className="font-medium">{method.label}</dd>
                <dt className="text-slate-500">Customer</dt>
                <dd className="font-medium">{customerName}</dd>
                <dt className="text-slate-500">Invoice</dt>
                <dd className="font-medium">{invoice || "—"}</dd>
                <dt className="text-slate-500">Description</dt>
                <dd className="font-medium">{description || "—"}</dd>
              </dl>
            </>
          ),
        };
      }}
    />
  );
}
