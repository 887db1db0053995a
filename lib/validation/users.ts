import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address.").max(320);
export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter a name.").max(120),
  role: z.enum(ROLES, { error: "Choose a role." }),
  password: passwordSchema,
});

export const changeRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES, { error: "Choose a role." }),
});

export const setDisabledSchema = z.object({
  userId: z.string().min(1).max(64),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});
