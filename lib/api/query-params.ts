import { z } from "zod";
import { AGGREGATIONS } from "@/lib/store/rollup-math";

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const MAX_RANGE_MS = 400 * 24 * 3600 * 1000;
export const DEFAULT_RANGE_MS = 3600 * 1000;

const rangeFields = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  points: z.coerce.number().int().min(1).max(2000).default(600),
};

/** Defaults a missing range to the last hour and rejects empty, inverted or huge ranges. */
function resolveRange(q: { from?: Date; to?: Date }, ctx: { addIssue: (issue: { code: "custom"; path: string[]; message: string }) => void }): { from: Date; to: Date } | null {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
  if (from.getTime() >= to.getTime()) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to`" });
    return null;
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "range may span at most 400 days" });
    return null;
  }
  return { from, to };
}

export const lagQuerySchema = z.object(rangeFields).transform((q, ctx) => {
  const range = resolveRange(q, ctx);
  return range ? { ...range, points: q.points } : z.NEVER;
});

const RESERVED = ["cluster", "metric", "from", "to", "points", "agg"] as const;
const labelName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `/api/v1/series`: every parameter that is not reserved is an exact-match label filter. */
export const seriesQuerySchema = z
  .looseObject({
    ...rangeFields,
    cluster: z.string().min(1),
    metric: z.string().regex(/^[a-z_][a-z0-9_]*$/, "must be a metric name like kafka_group_lag"),
    agg: z.enum(AGGREGATIONS).default("avg"),
  })
  .transform((q, ctx) => {
    const range = resolveRange(q, ctx);
    if (!range) return z.NEVER;
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(q)) {
      if ((RESERVED as readonly string[]).includes(key)) continue;
      if (!labelName.test(key) || typeof value !== "string") {
        ctx.addIssue({ code: "custom", path: [key], message: "is not a valid label name" });
        return z.NEVER;
      }
      labels[key] = value;
    }
    return { cluster: q.cluster, metric: q.metric, aggregation: q.agg, from: range.from, to: range.to, points: q.points, labels };
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
