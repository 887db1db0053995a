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
