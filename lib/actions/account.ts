"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  changeMyPassword,
  confirmMyIdentity,
  disableMyTwoFactor,
  endMySession,
  regenerateMyRecoveryCodes,
  signOutEverywhere,
} from "@/lib/dal/account";
import { changePasswordSchema, confirmIdentitySchema, sessionIdSchema } from "@/lib/validation/security";
import { z } from "zod";
import type { ActionState } from "./action-state";
import { defineAction } from "./define-action";

/** The signed-in person's own account: password, sessions, 2FA, step-up, "stay signed in". */

export const changePasswordAction = defineAction({
  name: "changePassword",
  permission: "dashboard:view",
  schema: changePasswordSchema,
  handler: async (viewer, input, meta) => {
    await changeMyPassword(viewer, input, meta);
    revalidatePath("/account/security");
    return { status: "success", message: "Password changed. Your other sessions were signed out." };
  },
});

export const signOutEverywhereAction = defineAction({
  name: "signOutEverywhere",
  permission: "dashboard:view",
  schema: z.object({ includingThis: z.enum(["true", "false"]).transform((value) => value === "true") }),
  handler: async (viewer, { includingThis }, meta) => {
    const ended = await signOutEverywhere(viewer, meta, { includingThis });
    if (includingThis) redirect("/login");
    revalidatePath("/account/security");
    return { status: "success", message: ended === 0 ? "No other session was open." : `Signed out ${ended} other session${ended === 1 ? "" : "s"}.` };
  },
});

export const endSessionAction = defineAction({
  name: "endSession",
  permission: "dashboard:view",
  schema: sessionIdSchema,
  handler: async (viewer, { sessionId }, meta) => {
    await endMySession(viewer, sessionId, meta);
    if (sessionId === viewer.sessionId) redirect("/login");
    revalidatePath("/account/security");
    return { status: "success", message: "That session was signed out." };
  },
});

/** Step-up: the password (and a code) again; sensitive changes accept it for 5 minutes. */
export const confirmIdentityAction = defineAction({
  name: "confirmIdentity",
  permission: "dashboard:view",
  schema: confirmIdentitySchema,
  handler: async (viewer, input, meta) => {
    await confirmMyIdentity(viewer, input, meta);
    return { status: "success", message: "Confirmed. Now repeat the change." };
  },
});

/** "Stay signed in": any server action is activity (proxy.ts), so reaching here restarted the idle timer. */
export const keepSessionAliveAction = defineAction({
  name: "keepSessionAlive",
  permission: "dashboard:view",
  schema: z.object({}),
  handler: async () => ({ status: "success" }),
});

export interface RecoveryCodesState extends ActionState {
  recoveryCodes?: string[];
}

export async function regenerateRecoveryCodesAction(previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  let codes: string[] = [];
  const state = await defineAction({
    name: "regenerateRecoveryCodes",
    permission: "dashboard:view",
    schema: z.object({}),
    handler: async (viewer, _input, meta) => {
      codes = await regenerateMyRecoveryCodes(viewer, meta);
      return { status: "success", message: "New recovery codes: the old ones no longer work." };
    },
  })(previous, formData);
  return state.status === "success" ? { ...state, recoveryCodes: codes } : state;
}

export const disableTwoFactorAction = defineAction({
  name: "disableTwoFactor",
  permission: "dashboard:view",
  schema: z.object({}),
  handler: async (viewer, _input, meta) => {
    await disableMyTwoFactor(viewer, meta);
    revalidatePath("/account/security");
    return { status: "success", message: "Two-factor sign-in is off." };
  },
});
