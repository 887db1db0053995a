import "server-only";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

/** The permission check every public DAL function starts with (the pages' and actions' checks are not enough). */
export function assertCan(viewer: Viewer, permission: Permission): void {
  if (!can(viewer.role, permission)) throw new AppError("forbidden", "You are not allowed to do this.");
}

/** For reads several permissions allow (the sync status serves both tables). */
export function assertCanAny(viewer: Viewer, permissions: readonly Permission[]): void {
  if (!permissions.some((permission) => can(viewer.role, permission))) throw new AppError("forbidden", "You are not allowed to do this.");
}
