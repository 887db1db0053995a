import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
import { logger } from "@/lib/logger";
import { currentRequestMeta, type RequestMeta } from "@/lib/request-meta";
import type { ActionState } from "./action-state";
import { allows, NOT_ALLOWED_MESSAGE, safeMessageOf, SIGNED_OUT_MESSAGE, type PermissionRule } from "./gate";

// Fields never sent back to the browser, even to the person who typed them.
const SECRET_FIELD = /password|pin$|^key$|apikey|accountkey|integratorkey|secret|token|accessid|requestid/i;

function echoableValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$") && !SECRET_FIELD.test(name)) values[name] = value;
  }
  return values;
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
    const viewer = await getViewer();
    if (!viewer) return { status: "error", message: SIGNED_OUT_MESSAGE };
    if (!allows(viewer, definition.permission)) {
      logger.warn({ action: definition.name, userId: viewer.id }, "action refused: missing permission");
      return { status: "error", message: NOT_ALLOWED_MESSAGE };
    }

    const parsed = definition.schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "form");
        (fieldErrors[field] ??= []).push(issue.message);
      }
      return { status: "error", message: "Check the highlighted fields.", fieldErrors, values: echoableValues(formData) };
    }

    try {
      return (await definition.handler(viewer, parsed.data, await currentRequestMeta())) ?? { status: "success" };
    } catch (error) {
      unstable_rethrow(error);
      return { status: "error", message: safeMessageOf(error, { name: definition.name, userId: viewer.id, kind: "action" }).message };
    }
  };
}
