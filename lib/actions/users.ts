"use server";

import { revalidatePath } from "next/cache";
import { createUser, changeUserRole, resetUserTwoFactor, setTemporaryPassword, setUserDisabled, unlockSignIn } from "@/lib/dal/users";
import { clearLockSchema, temporaryPasswordSchema, userIdSchema } from "@/lib/validation/security";
import { changeRoleSchema, createUserSchema, setDisabledSchema } from "@/lib/validation/users";
import { defineAction } from "./define-action";

export const createUserAction = defineAction({
  name: "createUser",
  permission: "users:manage",
  schema: createUserSchema,
  handler: async (viewer, input, meta) => {
    const user = await createUser(viewer, input, meta);
    revalidatePath("/admin/users");
    return { status: "success", message: `Added ${user.email}.` };
  },
});

export const changeUserRoleAction = defineAction({
  name: "changeUserRole",
  permission: "users:manage",
  schema: changeRoleSchema,
  handler: async (viewer, input, meta) => {
    await changeUserRole(viewer, input.userId, input.role, meta);
    revalidatePath("/admin/users");
    return { status: "success", message: "Role updated. It applies on the user's next request." };
  },
});

export const setUserDisabledAction = defineAction({
  name: "setUserDisabled",
  permission: "users:manage",
  schema: setDisabledSchema,
  handler: async (viewer, input, meta) => {
    await setUserDisabled(viewer, input.userId, input.disabled, meta);
    revalidatePath("/admin/users");
    return { status: "success", message: input.disabled ? "User disabled and signed out." : "User enabled." };
  },
});

export const unlockSignInAction = defineAction({
  name: "unlockSignIn",
  permission: "users:manage",
  schema: clearLockSchema,
  handler: async (viewer, { scope, subject }, meta) => {
    await unlockSignIn(viewer, scope, subject, meta);
    revalidatePath("/admin/users");
    return { status: "success", message: scope === "account" ? `${subject} can sign in again.` : `Sign-ins from ${subject} are allowed again.` };
  },
});

export const resetTwoFactorAction = defineAction({
  name: "resetTwoFactor",
  permission: "users:manage",
  schema: userIdSchema,
  handler: async (viewer, { userId }, meta) => {
    await resetUserTwoFactor(viewer, userId, meta);
    revalidatePath("/admin/users");
    return { status: "success", message: "Two-factor sign-in was reset and the user's sessions ended. They set it up again at their next sign-in." };
  },
});

export const setTemporaryPasswordAction = defineAction({
  name: "setTemporaryPassword",
  permission: "users:manage",
  schema: temporaryPasswordSchema,
  handler: async (viewer, { userId, password }, meta) => {
    await setTemporaryPassword(viewer, userId, password, meta);
    revalidatePath("/admin/users");
    return { status: "success", message: "Temporary password set: they must choose their own at the next sign-in. Their sessions ended." };
  },
});
