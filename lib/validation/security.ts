import { z } from "zod";

/** A 6-digit authenticator code or a recovery code (xxxxx-xxxxx); spaces and dashes are ignored later. */
export const secondFactorCodeSchema = z.string().trim().min(6, "Enter the 6-digit code from your app, or a recovery code.").max(32);

export const verifySecondFactorSchema = z.object({
  code: secondFactorCodeSchema,
  remember: z.literal("on").optional(),
  callbackUrl: z.string().max(2048).optional(),
});

export const confirmEnrolmentSchema = z.object({
  code: z.string().trim().regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code your app shows."),
  callbackUrl: z.string().max(2048).optional(),
});

const newPassword = z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters.");

export const newPasswordSchema = z
  .object({
    newPassword,
    confirmPassword: z.string().max(200),
    callbackUrl: z.string().max(2048).optional(),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword,
    confirmPassword: z.string().max(200),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ." });

export const confirmIdentitySchema = z.object({
  password: z.string().min(1, "Enter your password.").max(200),
  code: z.string().trim().max(32).optional(),
});

export const sessionIdSchema = z.object({ sessionId: z.string().min(1).max(100) });

export const userIdSchema = z.object({ userId: z.string().min(1).max(64) });

export const temporaryPasswordSchema = z.object({ userId: z.string().min(1).max(64), password: newPassword });

export const clearLockSchema = z.object({
  scope: z.enum(["account", "address"]),
  subject: z.string().min(1).max(320),
});
