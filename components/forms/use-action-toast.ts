"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import type { ActionState } from "@/lib/actions/action-state";

/** Announces an action's outcome as a toast (forms with inline messages don't need it). */
export function useActionToast(state: ActionState) {
  useEffect(() => {
    if (!state.message) return;
    if (state.status === "success") toast.success(state.message);
    if (state.status === "error") toast.error(state.message);
  }, [state]);
}

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The action, with its success announced as a toast the moment it answers. For forms that a
 * success removes from the page (a refund form once the payment is refunded, an Expire button once
 * the link is expired): an effect in the form would never run. Errors stay with the form, inline.
 * Wrap once, outside the component, so the action keeps its identity.
 */
export function toastingSuccess(action: Action, testId?: string): Action {
  return async (previous, formData) => {
    const state = await action(previous, formData);
    if (state.status === "success" && state.message) toast.success(state.message, { testId });
    return state;
  };
}
