/** What every server action returns to its form. `message` is always safe to show. */
export interface ActionState {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed back on a validation error so the form loses nothing; never secrets. */
  values?: Record<string, string>;
}

export const IDLE: ActionState = { status: "idle" };
