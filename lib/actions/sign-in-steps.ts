"use server";

import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getSessionState, isHttpsDeployment, signInCallbackPath, stagePath, type SessionState } from "@/lib/auth/session";
import { advanceSession, answerSecondFactor, enrolSecondFactor } from "@/lib/auth/sign-in";
import { rememberDevice, TRUSTED_DEVICE_COOKIE, TRUSTED_DEVICE_MAX_AGE_SECONDS } from "@/lib/auth/two-factor";
import { setMyNewPassword } from "@/lib/dal/account";
import { AppError, GENERIC_USER_MESSAGE } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { currentRequestMeta, type RequestMeta } from "@/lib/request-meta";
import { confirmEnrolmentSchema, newPasswordSchema, verifySecondFactorSchema } from "@/lib/validation/security";
import type { ActionState } from "./action-state";
import { parseForm } from "./define-action";

/**
 * The steps between the password and a signed-in session: the second factor, enrolling one,
 * replacing a temporary password. defineAction needs a signed-in viewer, which these by nature
 * have not got yet; this wrapper does the same jobs for a session midway through signing in
 * (session required, zod, messages safe to show, redirect() propagates).
 */
type Pending = Extract<SessionState, { kind: "pending" } | { kind: "signed-in" }>;

function stepAction<Schema extends z.ZodType, State extends ActionState>(
  name: string,
  allowed: (state: Pending) => boolean,
  schema: Schema,
  handler: (state: Pending, input: z.infer<Schema>, meta: RequestMeta) => Promise<State>,
) {
  return async (_previous: State, formData: FormData): Promise<State> => {
    const state = await getSessionState();
    if (state.kind === "signed-out" || !allowed(state)) return { status: "error", message: "This sign-in has ended. Start again from the sign-in page." } as State;
    const parsed = parseForm(schema, formData);
    if (!parsed.success) return parsed.state as State;
    try {
      return await handler(state, parsed.data, await currentRequestMeta());
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return { status: "error", message: error.userMessage } as State;
      logger.error({ action: name, err: error }, "sign-in step failed");
      return { status: "error", message: GENERIC_USER_MESSAGE } as State;
    }
  };
}

function personOf(state: Pending) {
  return state.kind === "signed-in" ? state.viewer : state.user;
}

/** After a step: on to the next stage owed, or back to the page the person wanted. */
function continueTo(stage: string, callbackUrl: string | undefined): never {
  const back = signInCallbackPath(callbackUrl);
  if (stage === "active") redirect(back);
  redirect(`${stagePath(stage as "mfa" | "enrol" | "password")}?callbackUrl=${encodeURIComponent(back)}`);
}

const LOCKED = "Too many failed attempts: sign-in is locked for 30 minutes, or until an admin unlocks it.";

export const verifySecondFactorAction = stepAction<typeof verifySecondFactorSchema, ActionState>(
  "verifySecondFactor",
  (state) => state.kind === "pending" && state.stage === "mfa",
  verifySecondFactorSchema,
  async (state, input, meta) => {
    const user = personOf(state);
    const result = await answerSecondFactor(user, input.code, meta);
    if (!result.ok) {
      if (result.locked) return { status: "error", message: LOCKED };
      return { status: "error", message: "That code is not right, or was already used. Enter the current code from your app, or an unused recovery code." };
    }
    if (input.remember === "on") {
      const token = await rememberDevice(user.id, meta.userAgent);
      (await cookies()).set(TRUSTED_DEVICE_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: isHttpsDeployment(), path: "/", maxAge: TRUSTED_DEVICE_MAX_AGE_SECONDS });
    }
    continueTo(await advanceSession(state.session, { secondFactor: true }, meta, `password+${result.method}`), input.callbackUrl);
  },
);

export interface EnrolmentState extends ActionState {
  recoveryCodes?: string[];
}

/** Confirms a new authenticator with its first code; the recovery codes are shown once, in the answer. */
export const confirmEnrolmentAction = stepAction<typeof confirmEnrolmentSchema, EnrolmentState>(
  "confirmEnrolment",
  (state) => state.kind === "signed-in" || state.stage === "enrol",
  confirmEnrolmentSchema,
  async (state, input, meta) => {
    const user = personOf(state);
    const codes = await enrolSecondFactor(user, input.code, meta);
    if (!codes) return { status: "error", message: "That code is not right. Check the time on your phone and enter the code your app shows now." };
    if (state.kind === "pending") await advanceSession(state.session, { secondFactor: true }, meta, "password+totp_enrolment");
    return { status: "success", message: "Two-factor sign-in is on.", recoveryCodes: codes };
  },
);

export const changeTemporaryPasswordAction = stepAction<typeof newPasswordSchema, ActionState>(
  "changeTemporaryPassword",
  (state) => state.kind === "pending" && state.stage === "password",
  newPasswordSchema,
  async (state, input, meta) => {
    const user = personOf(state);
    await setMyNewPassword({ ...user, sessionId: state.session.id }, input.newPassword, meta, "user.password_change_required");
    continueTo(await advanceSession(state.session, { secondFactor: true }, meta, "password+new_password"), input.callbackUrl);
  },
);
