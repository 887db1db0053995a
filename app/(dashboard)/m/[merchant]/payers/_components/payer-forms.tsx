"use client";

import { useActionState, useId, useState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { chargePayerAction, createPayerAction, updatePayerAction } from "@/lib/actions/clientpay";
import type { PayerMethodDto } from "@/lib/dal/payers";
import { PayerFields } from "./payer-fields";

function Message({ state, testId }: { state: { status: string; message?: string }; testId: string }) {
  if (!state.message) return null;
  return (
    <Notice tone={state.status === "error" ? "error" : "success"} data-testid={testId}>
      {state.message}
    </Notice>
  );
}

/** New payer (admins): ClientPay's New Payer; the payment method is added later on the payer page. */
export function CreatePayerForm({ slug }: { slug: string }) {
  const [state, formAction] = useActionState(createPayerAction, IDLE);
  const values = state.values ?? {};
  return (
    <form key={JSON.stringify(values)} action={formAction} className="flex flex-col gap-4" noValidate data-testid="create-payer-form">
      <input type="hidden" name="merchant" value={slug} />
      <Message state={state} testId="create-payer-message" />
      <PayerFields values={values} errors={state.fieldErrors ?? {}} idPrefix="new-payer" />
      <SubmitButton pendingLabel="Creating at ClientPay…">Add payer</SubmitButton>
    </form>
  );
}

export function EditPayerForm({ slug, payerId, values: saved }: { slug: string; payerId: string; values: { firstName: string | null; lastName: string | null; businessName: string | null; email: string | null } }) {
  const [state, formAction] = useActionState(updatePayerAction, IDLE);
  const values = state.values ?? saved;
  return (
    <form key={JSON.stringify(values)} action={formAction} className="flex flex-col gap-4" noValidate data-testid="edit-payer-form">
      <input type="hidden" name="merchant" value={slug} />
      <input type="hidden" name="payerId" value={payerId} />
      <Message state={state} testId="edit-payer-message" />
      <PayerFields values={values} errors={state.fieldErrors ?? {}} idPrefix="edit-payer" />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save payer
      </SubmitButton>
    </form>
  );
}

const methodLabel = (method: PayerMethodDto) =>
  `${method.type === "eCheck" ? "eCheck" : (method.cardBrand ?? "Card")} ••••${method.last4 ?? "????"}${method.expiry ? ` (exp. ${method.expiry})` : ""}${method.isPrimary ? " · primary" : ""}`;

/** Charge a saved method: a one-time form (the token is stored before ClientPay is called), confirmed. */
export function ChargePayerForm({ slug, payerId, token, methods }: { slug: string; payerId: string; token: string; methods: PayerMethodDto[] }) {
  const [state, formAction, pending] = useActionState(chargePayerAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const [amount, setAmount] = useState(values.amountCents ?? "");
  const [methodId, setMethodId] = useState(values.paymentMethodId ?? methods.find((method) => method.isPrimary)?.id ?? methods[0]?.id ?? "");
  const formId = useId();
  const done = state.status === "success";
  const method = methods.find((candidate) => candidate.id === methodId);
  return (
    <form id={formId} action={formAction} className="flex flex-col gap-4" noValidate data-testid="charge-form">
      <input type="hidden" name="merchant" value={slug} />
      <input type="hidden" name="payerId" value={payerId} />
      <input type="hidden" name="token" value={token} />
      <Field id="charge-method" label="Payment method" errors={errors.paymentMethodId}>
        <NativeSelect id="charge-method" name="paymentMethodId" value={methodId} onChange={(event) => setMethodId(event.target.value)} disabled={done}>
          {methods.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {methodLabel(candidate)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="charge-amount" label="Amount ($)" errors={errors.amountCents}>
        <Input id="charge-amount" name="amountCents" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} aria-invalid={!!errors.amountCents} disabled={done} />
      </Field>
      <Field id="charge-description" label="Description (optional)" errors={errors.description}>
        <Input id="charge-description" name="description" defaultValue={values.description} disabled={done} />
      </Field>
      <Field id="charge-order" label="Order number (optional)" errors={errors.orderId}>
        <Input id="charge-order" name="orderId" defaultValue={values.orderId} disabled={done} />
      </Field>
      <ConfirmDialog
        formId={formId}
        tone="primary"
        trigger={
          <Button type="button" disabled={pending || done || !amount.trim()} aria-busy={pending} className="self-start">
            {pending ? "Charging at ClientPay…" : "Charge"}
          </Button>
        }
        title="Charge this payment method?"
        description={
          <>
            ClientPay takes <strong>${amount.trim() || "0"}</strong> from {method ? methodLabel(method) : "the saved method"} now. A charge is not undone by
            cancelling; it takes a refund.
          </>
        }
        confirmLabel="Charge now"
      />
      <Message state={state} testId="charge-message" />
    </form>
  );
}
