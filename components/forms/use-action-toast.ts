"use client";

import { useEffect } from "react";
import { mountToaster } from "@/components/ui/toaster";
import type { ActionState } from "@/lib/actions/action-state";

/** Where signing in again comes back to this page, told why. */
export function signInAgainHref(): string {
  return `/login?callbackUrl=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}&reason=ended`;
}

/** sonner on demand: it is not on any page's first load; the first toast mounts the Toaster too. */
const loadToast = () => {
  mountToaster();
  return import("sonner").then((sonner) => sonner.toast);
};

/** When the session had ended, the toast offers the sign-in that comes back here. */
async function announce(state: ActionState) {
  if (!state.message || state.status === "idle") return;
  const toast = await loadToast();
  if (state.status === "success") toast.success(state.message);
  if (state.status === "error" && state.sessionEnded) toast.error(state.message, { action: { label: "Sign in", onClick: () => window.location.assign(signInAgainHref()) } });
  else if (state.status === "error") toast.error(state.message);
}

/** Announces an action's outcome as a toast (forms with inline messages don't need it). */
export function useActionToast(state: ActionState) {
  useEffect(() => void announce(state), [state]);
}

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The action, announcing its outcome as a toast the moment it answers: for a form the answer
 * may remove from the page (a capture hides the capture form, a refund form goes once the payment
 * is refunded), whose own effects never run. `errors: false` leaves errors to the form, inline.
 * Wrap once, outside the component, so the action keeps its identity.
 */
export function announcing(action: Action, options: { errors?: boolean; testId?: string } = {}): Action {
  return async (previous, formData) => {
    const state = await action(previous, formData);
    // Not awaited: the form gets its answer at once, the toast follows when sonner is loaded.
    if (state.status === "success" && state.message) void loadToast().then((toast) => toast.success(state.message, { testId: options.testId }));
    else if (options.errors !== false) void announce(state);
    return state;
  };
}
