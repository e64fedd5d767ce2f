import { z } from "zod";
import { parseDuration } from "@/lib/auth/duration";
import { roleSchema } from "@/lib/config/schema";

export const createTokenInput = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100, "may be at most 100 characters"),
  role: roleSchema,
  /** "30d", "12h", "2w"; null or missing: never expires */
  expires: z
    .string()
    .nullish()
    .refine((value) => value === undefined || value === null || parseDuration(value) !== null, { message: 'must be a whole number of hours, days or weeks, e.g. "30d" (1h to 3650d)' }),
});
export type CreateTokenInput = z.output<typeof createTokenInput>;
