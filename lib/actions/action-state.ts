/** What every server action returns to its form. `message` is always safe to show. */
export interface ActionState {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed back on a validation error so the form loses nothing; never secrets. */
  values?: Record<string, string>;
  /** The change needs a fresh password (and code) first: the form shows the step-up prompt. */
  stepUp?: boolean;
  /** The session ended before the action ran: the form offers sign-in that comes back here. */
  sessionEnded?: boolean;
}

export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again to continue; you will come back to this page.";

export const IDLE: ActionState = { status: "idle" };
