import { Field } from "@/components/forms/field";
import { Input } from "@/components/ui/input";

interface Values {
  firstName?: string | null;
  lastName?: string | null;
  businessName?: string | null;
  email?: string | null;
}

/** A payer's name and email, shared by the create and edit forms. */
export function PayerFields({ values, errors, idPrefix }: { values: Values; errors: Record<string, string[] | undefined>; idPrefix: string }) {
  const field = (name: keyof Values, label: string, type = "text") => (
    <Field id={`${idPrefix}-${name}`} label={label} errors={errors[name]}>
      <Input id={`${idPrefix}-${name}`} name={name} type={type} autoComplete="off" defaultValue={values[name] ?? ""} aria-invalid={!!errors[name]} />
    </Field>
  );
  return (
    <>
      {field("firstName", "First name")}
      {field("lastName", "Last name")}
      {field("businessName", "Business name")}
      {field("email", "Email", "email")}
    </>
  );
}
