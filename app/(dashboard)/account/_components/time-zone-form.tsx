"use client";

import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { NativeSelect } from "@/components/ui/input";
import { IDLE } from "@/lib/actions/action-state";
import { updateTimeZoneAction } from "@/lib/actions/preferences";

/** The zone every date and date filter uses for this user. */
export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const [state, action] = useActionState(updateTimeZoneAction, IDLE);
  useActionToast(state);
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-end" data-testid="time-zone-form">
      <div className="sm:w-80">
        <Field id="timeZone" label="Time zone" errors={state.fieldErrors?.timeZone} hint="Dates, date filters and exports use it.">
          <NativeSelect
            id="timeZone"
            name="timeZone"
            defaultValue={state.values?.timeZone ?? current}
            className="w-full"
            aria-describedby={state.fieldErrors?.timeZone ? "timeZone-error" : "timeZone-hint"}
            data-testid="time-zone-select"
          >
            {zones.map((zone) => (
              <option key={zone}>{zone}</option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <SubmitButton pendingLabel="Saving…" data-testid="time-zone-save">
        Save
      </SubmitButton>
    </form>
  );
}
