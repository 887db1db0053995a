import { redirect } from "next/navigation";
import { getSessionState, signInCallbackPath, stagePath, type SessionState } from "@/lib/auth/session";

type Stage = "mfa" | "enrol" | "password";

/**
 * For a sign-in step's page: the session must be midway through signing in and owe this step
 * (signed in already: on to the page wanted; signed out: back to sign-in; another step owed:
 * to that one). `allowSignedIn` lets the enrolment page serve someone already signed in who
 * turns 2FA on by choice.
 */
export async function pendingStep(stage: Stage, rawCallback: unknown, options: { allowSignedIn?: boolean } = {}) {
  const callbackPath = signInCallbackPath(rawCallback);
  const state: SessionState = await getSessionState();
  if (state.kind === "signed-out") redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}${state.reason === "ended" ? "&reason=ended" : ""}`);
  if (state.kind === "signed-in") {
    if (options.allowSignedIn) return { state, callbackPath, person: state.viewer };
    redirect(callbackPath);
  }
  if (state.stage !== stage) redirect(`${stagePath(state.stage)}?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return { state, callbackPath, person: state.user };
}
