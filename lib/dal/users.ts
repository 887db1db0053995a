import { can, type Permission, type RoleName } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/session";
import { hashPassword } from "@/lib/auth/password";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { recordAuditEvent } from "./audit";

/** What pages may see of a user: never the password hash. */
export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const userDtoSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export function assertCan(viewer: Viewer, permission: Permission) {
  if (!can(viewer.role, permission)) throw new AppError("forbidden", "You are not allowed to do this.");
}

export async function listUsers(viewer: Viewer): Promise<UserDto[]> {
  assertCan(viewer, "users:read");
  return db.user.findMany({ select: userDtoSelect, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
}

export interface NewUser {
  email: string;
  name: string;
  role: RoleName;
  password: string;
}

/** Shared by the admin page and the command line (which has no viewer: actor is null). */
export async function insertUser(input: NewUser, audit: { actor: Viewer | null; meta?: RequestMeta }): Promise<UserDto> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash },
        select: userDtoSelect,
      });
      await recordAuditEvent(
        {
          actor: audit.actor,
          action: "user.create",
          targetType: "user",
          targetId: user.id,
          meta: audit.meta,
          details: { email: user.email, role: user.role },
        },
        tx,
      );
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("user_exists", "A user with that email already exists.", { cause: error });
    }
    throw error;
  }
}

export async function createUser(viewer: Viewer, input: NewUser, meta: RequestMeta): Promise<UserDto> {
  assertCan(viewer, "users:manage");
  return insertUser(input, { actor: viewer, meta });
}

async function findOtherUser(viewer: Viewer, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: userDtoSelect });
  if (!user) throw new AppError("not_found", "That user no longer exists.");
  if (user.id === viewer.id) throw new AppError("self_change", "You cannot change your own role or access.");
  return user;
}

/** Takes effect on the user's next request: the session re-reads the role every time. */
export async function changeUserRole(viewer: Viewer, userId: string, role: RoleName, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const user = await findOtherUser(viewer, userId);
  if (user.role === role) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAuditEvent(
      { actor: viewer, action: "user.change_role", targetType: "user", targetId: userId, meta, details: { email: user.email, from: user.role, to: role } },
      tx,
    );
  });
}

/** Disabling also bumps the session version, so every open session of that user ends at once. */
export async function setUserDisabled(viewer: Viewer, userId: string, disabled: boolean, meta: RequestMeta): Promise<void> {
  assertCan(viewer, "users:manage");
  const user = await findOtherUser(viewer, userId);
  if (user.disabled === disabled) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(
      { actor: viewer, action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: userId, meta, details: { email: user.email } },
      tx,
    );
  });
}
