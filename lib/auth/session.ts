import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import type { Viewer } from "./viewer";

/**
 * The signed-in, active user for this request, or null: always re-read from the database,
 * never trusted from the cookie alone. A disabled user, a deleted user or a session older
 * than the user's session version counts as signed out.
 * Cached per request so a page and its components share one database read.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true, timeZone: true },
  });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, ...(user.timeZone ? { timeZone: user.timeZone } : {}) };
});

/** For pages: a signed-out visitor goes to the sign-in page. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}

/** For pages: a viewer without the permission sees the "not allowed" page (app/forbidden.tsx). */
export async function requirePermission(permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!can(viewer.role, permission)) forbidden();
  return viewer;
}
