import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { STEP_UP_REQUIRED } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { currentRequestMeta, type RequestMeta } from "@/lib/request-meta";
import { SESSION_ENDED_MESSAGE, type ActionState } from "./action-state";
import { allows, NOT_ALLOWED_MESSAGE, safeMessageOf, type PermissionRule } from "./gate";

// Fields never sent back to the browser, even to the person who typed them.
const SECRET_FIELD = /password|pin$|^key$|apikey|accountkey|integratorkey|signaturekey|secret|token|accessid|requestid/i;

function echoableValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$") && !SECRET_FIELD.test(name)) values[name] = value;
  }
  return values;
}

/**
 * A form parsed with zod: the data, or the error state (each issue under its field, a
 * form-level one under "form", what was typed echoed back but never secrets).
 */
export function parseForm<Schema extends z.ZodType>(schema: Schema, formData: FormData): { success: true; data: z.infer<Schema> } | { success: false; state: ActionState } {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { success: true, data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { success: false, state: { status: "error", message: "Check the highlighted fields.", fieldErrors, values: echoableValues(formData) } };
}

interface ActionDefinition<Schema extends z.ZodType> {
  /** For logs: which action ran. */
  name: string;
  /** One permission, or a list of which any one is enough. */
  permission: PermissionRule;
  schema: Schema;
  handler: (viewer: Viewer, input: z.infer<Schema>, meta: RequestMeta) => Promise<ActionState | void>;
}

/**
 * Every server action is a public POST endpoint, so each one is built here:
 * (a) a session is required, (b) the named permission is checked, (c) the input is
 * parsed with zod, (d) the result is an ActionState whose message is safe to show,
 * and (e) redirect()/notFound() thrown by the handler still propagate.
 * Resource checks (this merchant account, this record) belong to lib/dal.
 */
export function defineAction<Schema extends z.ZodType>(definition: ActionDefinition<Schema>) {
  return async function action(_previous: ActionState, formData: FormData): Promise<ActionState> {
    // A public endpoint takes whatever a client sends: the arguments are only typed, not checked, until here.
    if (!(formData instanceof FormData)) {
      logger.warn({ action: definition.name }, "action refused: the arguments are not a form");
      return { status: "error", message: "This form submission could not be read. Reload the page and try again." };
    }
    const viewer = await getViewer();
    // What was typed (never secrets) comes back, so the form keeps it while the person signs in again.
    if (!viewer) return { status: "error", message: SESSION_ENDED_MESSAGE, sessionEnded: true, values: echoableValues(formData) };
    if (!allows(viewer, definition.permission)) {
      logger.warn({ action: definition.name, userId: viewer.id }, "action refused: missing permission");
      return { status: "error", message: NOT_ALLOWED_MESSAGE };
    }

    const parsed = parseForm(definition.schema, formData);
    if (!parsed.success) return parsed.state;

    try {
      const result = (await definition.handler(viewer, parsed.data as z.infer<Schema>, await currentRequestMeta())) ?? { status: "success" };
      // A refusal keeps what was typed, like a validation error does (React resets the form).
      return result.status === "error" && !result.values ? { ...result, values: echoableValues(formData) } : result;
    } catch (error) {
      unstable_rethrow(error);
      const { message, code } = safeMessageOf(error, { name: definition.name, userId: viewer.id, kind: "action" });
      // An AppError (code set) is a refusal the person can act on: keep what they typed.
      if (code === null) return { status: "error", message };
      return { status: "error", message, values: echoableValues(formData), ...(code === STEP_UP_REQUIRED ? { stepUp: true } : {}) };
    }
  };
}
