import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { roleSchema } from "@/lib/config/schema";

export const usernameSchema = z
  .string()
  .min(1, "is required")
  .max(64, "may be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, "may hold letters, digits and . _ @ - (starting with a letter or digit)");

export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024, "may be at most 1024 characters");

export const createUserInput = z.strictObject({ username: usernameSchema, role: roleSchema, password: newPasswordSchema });

export const updateUserInput = z
  .strictObject({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: newPasswordSchema.optional() })
  .refine((input) => input.role !== undefined || input.disabled !== undefined || input.password !== undefined, { message: "nothing to change: give role, disabled or password" });

export const noInput = z.strictObject({});
