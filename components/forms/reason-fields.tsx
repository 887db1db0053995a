import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/ui/input";
import { MONEY_REASONS } from "@/lib/validation/money-reasons";

/** Why money is moved: a short list, and a note ("Other" needs one). Both go to the audit log. */
export function ReasonFields({ idPrefix, errors, values }: { idPrefix: string; errors: Record<string, string[] | undefined>; values: Record<string, string> }) {
  return (
    <>
      <Field id={`${idPrefix}-reason`} label="Reason" errors={errors.reasonCode}>
        <NativeSelect id={`${idPrefix}-reason`} name="reasonCode" defaultValue={values.reasonCode ?? ""} aria-invalid={!!errors.reasonCode} className="w-full">
          <option value="" disabled>
            Choose a reason…
          </option>
          {Object.entries(MONEY_REASONS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id={`${idPrefix}-note`} label="Note (required for Other)" errors={errors.reasonText}>
        <textarea
          id={`${idPrefix}-note`}
          name="reasonText"
          rows={2}
          maxLength={500}
          defaultValue={values.reasonText ?? ""}
          aria-invalid={!!errors.reasonText}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 aria-invalid:border-red-500"
        />
      </Field>
    </>
  );
}

/** The reason as the confirmation restates it. */
export function reasonText(values: FormData): string | null {
  const code = String(values.get("reasonCode") ?? "");
  if (!(code in MONEY_REASONS)) return null;
  const note = String(values.get("reasonText") ?? "").trim();
  const label = MONEY_REASONS[code as keyof typeof MONEY_REASONS];
  if (code === "other") return note.length >= 3 ? note : null;
  return note ? `${label} — ${note}` : label;
}
