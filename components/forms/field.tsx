import type { ReactNode } from "react";
import { Label } from "@/components/ui/label";

/** A labelled form field with its validation messages wired to aria-describedby. */
export function Field({ id, label, errors, hint, children }: { id: string; label: string; errors?: string[]; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !errors?.length && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
