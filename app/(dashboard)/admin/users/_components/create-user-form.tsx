"use client";

import { useActionState, useEffect, useRef } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { IDLE } from "@/lib/actions/action-state";
import { createUserAction } from "@/lib/actions/users";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";

export function CreateUserForm() {
  const [state, formAction] = useActionState(createUserAction, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};

  return (
    // Keyed by the echoed values: React resets a form after its action, and the remount
    // puts back what the person typed (all but the password) when validation failed.
    <form ref={formRef} key={JSON.stringify(values)} action={formAction} className="flex flex-col gap-4" noValidate>
      {state.message && (
        <Notice tone={state.status === "error" ? "error" : "success"} data-testid="create-user-message">
          {state.message}
        </Notice>
      )}
      <Field id="new-name" label="Name" errors={errors.name}>
        <Input id="new-name" name="name" autoComplete="off" defaultValue={values.name} aria-invalid={!!errors.name} required />
      </Field>
      <Field id="new-email" label="Email" errors={errors.email}>
        <Input id="new-email" name="email" type="email" autoComplete="off" defaultValue={values.email} aria-invalid={!!errors.email} required />
      </Field>
      <Field id="new-role" label="Role" errors={errors.role}>
        <NativeSelect id="new-role" name="role" defaultValue={values.role ?? "VIEWER"}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="new-password" label="Initial password" errors={errors.password} hint="At least 12 characters. Share it privately.">
        <Input id="new-password" name="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} required />
      </Field>
      <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
    </form>
  );
}
