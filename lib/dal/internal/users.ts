import "server-only";
import type { RoleName } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import type { Viewer } from "@/lib/auth/viewer";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";

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

export const userDtoSelect = { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true } as const;

export interface NewUser {
  email: string;
  name: string;
  role: RoleName;
  password: string;
}

/**
 * Creates a user with its audit row. Behind `createUser` (which checks the admin) and used
 * directly by the command line (`npm run user:add`), which has no viewer: the actor is null.
 */
export async function insertUser(input: NewUser, audit: { actor: Viewer | null; meta?: RequestMeta }): Promise<UserDto> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email.toLowerCase(), name: input.name, role: input.role, passwordHash },
        select: userDtoSelect,
      });
      await recordAuditEvent(
        { actor: audit.actor, action: "user.create", targetType: "user", targetId: user.id, meta: audit.meta, details: { email: user.email, role: user.role } },
        tx,
      );
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("user_exists", "A user with that email already exists.", { cause: error });
    throw error;
  }
}
