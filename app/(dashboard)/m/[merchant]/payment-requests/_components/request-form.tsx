"use client";

import { useActionState, useState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { createPaymentRequestAction } from "@/lib/actions/clientpay";
import { DEFAULT_VALID_DAYS, MAX_INVOICE_LINES, MAX_VALID_DAYS } from "@/lib/validation/payment-request-limits";

interface RequestFormProps {
  slug: string;
  token: string;
  draftKey: string;
  today: string;
  payer: { payerId: string; displayName: string; email: string | null } | null;
}

/** Lines that hold something in the echoed values (after a refused submit), at least one. */
function linesIn(values: Record<string, string>): number {
  let last = 0;
  for (let index = 0; index < MAX_INVOICE_LINES; index += 1) if (values[`invoice${index}Number`] || values[`invoice${index}Amount`]) last = index + 1;
  return Math.max(1, last);
}

/**
 * A new invoice payment page. The form carries a one-time token bound to its draft key, so a
 * double submit makes one page; a refused submit keeps what was typed.
 */
export function RequestForm({ slug, token, draftKey, today, payer }: RequestFormProps) {
  const [state, formAction] = useActionState(createPaymentRequestAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return <RequestFields key={JSON.stringify(values)} {...{ slug, token, draftKey, today, payer, state, formAction, errors, values }} />;
}

function RequestFields({
  slug,
  token,
  draftKey,
  today,
  payer,
  state,
  formAction,
  errors,
  values,
}: RequestFormProps & { state: { status: string; message?: string }; formAction: (formData: FormData) => void; errors: Record<string, string[] | undefined>; values: Record<string, string> }) {
  const [lines, setLines] = useState(() => linesIn(values));
  const checked = (name: string, fallback: boolean) => (state.status === "idle" ? fallback : values[name] === "on");
  // What was typed (echoed after a refused submit) wins over the field's own default.
  const text = (id: string, label: string, name: string, { defaultValue, ...props }: React.ComponentProps<typeof Input> = {}, hint?: string) => (
    <Field id={id} label={label} errors={errors[name]} hint={hint}>
      <Input id={id} name={name} defaultValue={values[name] ?? (defaultValue as string | undefined)} aria-invalid={!!errors[name]} {...props} />
    </Field>
  );

  return (
    <form action={formAction} className="flex flex-col gap-6" noValidate data-testid="request-form">
      <input type="hidden" name="merchant" value={slug} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="draftKey" value={draftKey} />
      {payer && <input type="hidden" name="payerId" value={payer.payerId} />}
      {state.message && (
        <Notice tone={state.status === "error" ? "error" : "success"} data-testid="request-form-message">
          {state.message}
        </Notice>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Who pays</CardTitle>
          {payer && <p className="text-sm text-slate-600">Requested from the saved payer {payer.displayName}: their saved payment methods are offered on the page.</p>}
        </CardHeader>
        <CardBody className="grid gap-4 sm:grid-cols-2">
          {text("payer-name", "Payer name", "payerName", { defaultValue: payer?.displayName, autoComplete: "off", required: true })}
          {text("payer-email", "Payer email", "payerEmail", { type: "email", defaultValue: payer?.email ?? undefined, autoComplete: "off", required: true })}
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Invoices</CardTitle>
        </CardHeader>
        <CardBody className="flex flex-col gap-4">
          {Array.from({ length: lines }, (_, index) => (
            <fieldset key={index} className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end" data-testid="invoice-line">
              <legend className="sr-only">Invoice {index + 1}</legend>
              {text(`invoice${index}-number`, "Invoice number", `invoice${index}Number`, { autoComplete: "off" })}
              {text(`invoice${index}-date`, "Invoice date", `invoice${index}Date`, { type: "date", defaultValue: today })}
              {text(`invoice${index}-amount`, "Amount due ($)", `invoice${index}Amount`, { inputMode: "decimal", autoComplete: "off" })}
              {lines > 1 && index === lines - 1 ? (
                <Button type="button" variant="ghost" onClick={() => setLines(lines - 1)}>
                  Remove
                </Button>
              ) : (
                <span />
              )}
            </fieldset>
          ))}
          {lines < MAX_INVOICE_LINES && (
            <Button type="button" variant="secondary" className="self-start" onClick={() => setLines(lines + 1)}>
              Add another invoice
            </Button>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            {text("due-date", "Due date (optional)", "dueDate", { type: "date" })}
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input type="checkbox" name="allowPartial" defaultChecked={checked("allowPartial", false)} />
              Let the client pay part of an invoice
            </label>
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>The page</CardTitle>
        </CardHeader>
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <Field id="note" label="Note to the client (optional)" errors={errors.note} hint="Shown under the heading of the payment page.">
              <Textarea id="note" name="note" maxLength={300} rows={2} defaultValue={values.note} />
            </Field>
          </div>
          {text("header-text", "Heading (optional)", "headerText", { placeholder: "Payment request from …" })}
          {text("footer-text", "Footer (optional)", "footerText")}
          {text("valid-days", "Link valid for (days)", "validDays", { type: "number", min: 1, max: MAX_VALID_DAYS, defaultValue: String(DEFAULT_VALID_DAYS) }, `1 to ${MAX_VALID_DAYS} days; afterwards the link stops working.`)}
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" name="enablePayerSaving" defaultChecked={checked("enablePayerSaving", true)} />
            Let the client save the payment method for next time
          </label>
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Receipts</CardTitle>
        </CardHeader>
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="sendReceipt" defaultChecked={checked("sendReceipt", true)} />
            ClientPay emails the client a receipt
          </label>
          {text("receipt-emails", "Also send receipts to (optional)", "receiptEmails", { placeholder: "billing@firm.example" }, "Up to five addresses, separated by commas.")}
        </CardBody>
      </Card>
      <SubmitButton pendingLabel="Creating the page at ClientPay…" className="self-start">
        Create payment request
      </SubmitButton>
    </form>
  );
}
