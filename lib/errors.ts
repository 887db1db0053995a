/**
 * An error whose `userMessage` is written for the person using the dashboard and
 * is always safe to show: it never carries a secret, a stack or upstream text.
 * Anything that is not an AppError is shown as a generic message and logged.
 */
export class AppError extends Error {
  readonly code: string;
  readonly userMessage: string;

  constructor(code: string, userMessage: string, options?: { cause?: unknown }) {
    super(`${code}: ${userMessage}`, options);
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
  }
}

export const GENERIC_USER_MESSAGE = "Something went wrong. Please try again; if it keeps happening, contact support.";

/** The AppError code of a sensitive change refused for want of a fresh re-authentication (lib/auth/step-up.ts). */
export const STEP_UP_REQUIRED = "step_up_required";
