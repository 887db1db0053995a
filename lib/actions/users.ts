"use server";

import { revalidatePath } from "next/cache";
import { createUser, changeUserRole, setUserDisabled } from "@/lib/dal/users";
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
