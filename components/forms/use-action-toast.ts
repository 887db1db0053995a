"use client";

import { useEffect } from "react";
import { toast } from "sonner";
import type { ActionState } from "@/lib/actions/action-state";

/** Where signing in again comes back to this page, told why. */
export function signInAgainHref(): string {
  return `/login?callbackUrl=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}&reason=ended`;
}

/**
 * Announces an action's outcome as a toast (forms with inline messages don't need it). When the
 * session had ended, the toast offers the sign-in that comes back here.
 */
export function useActionToast(state: ActionState) {
  useEffect(() => {
    if (!state.message) return;
    if (state.status === "success") toast.success(state.message);
    if (state.status === "error" && state.sessionEnded) toast.error(state.message, { action: { label: "Sign in", onClick: () => window.location.assign(signInAgainHref()) } });
    else if (state.status === "error") toast.error(state.message);
  }, [state]);
}
