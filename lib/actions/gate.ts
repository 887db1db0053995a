import "server-only";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError, GENERIC_USER_MESSAGE } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * What server actions (define-action.ts) and route handlers (define-route.ts) share: the
 * permission rule, the refusals' wording, and how a thrown error becomes a message safe to show.
 */
export type PermissionRule = Permission | readonly Permission[];

export const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again to continue.";
export const NOT_ALLOWED_MESSAGE = "You are not allowed to do this.";

/** A list means any one of its permissions is enough. */
export function allows(viewer: Viewer, rule: PermissionRule): boolean {
  return typeof rule === "string" ? can(viewer.role, rule) : rule.some((permission) => can(viewer.role, permission));
}

/** An AppError's own message; anything else is logged in full and shown as the generic message. */
export function safeMessageOf(error: unknown, context: { name: string; userId: string; kind: "action" | "route" }): { message: string; code: string | null } {
  if (error instanceof AppError) return { message: error.userMessage, code: error.code };
  logger.error({ [context.kind]: context.name, userId: context.userId, err: error }, `${context.kind} failed`);
  return { message: GENERIC_USER_MESSAGE, code: null };
}
