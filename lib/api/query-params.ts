import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const MAX_RANGE_MS = 400 * 24 * 3600 * 1000;
export const DEFAULT_RANGE_MS = 3600 * 1000;

export const lagQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    points: z.coerce.number().int().min(1).max(2000).default(600),
  })
  .transform((q, ctx) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
    if (from.getTime() >= to.getTime()) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to`" });
      return z.NEVER;
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "range may span at most 400 days" });
      return z.NEVER;
    }
    return { from, to, points: q.points };
  });

export type ParsedQuery<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates URL search params; the error message names the offending parameter. */
export function parseSearchParams<S extends z.ZodType>(schema: S, params: URLSearchParams): ParsedQuery<z.output<S>> {
  const result = schema.safeParse(Object.fromEntries(params.entries()));
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const name = issue?.path.map(String).join(".") || "query";
  return { ok: false, message: `invalid query parameter \`${name}\`: ${issue?.message ?? "invalid"}` };
}
