// An alert rule as written in the YAML config (`alerts.rules`) and sent to `/api/v1/alert-rules`; one zod
// schema for both. Client-safe (the editor validates with it too). A rule watches one store metric on the
// entities its matchers select; each matching entity is one alert instance.
import { z } from "@/lib/util/zod";
import { ALERT_METRIC_NAMES, alertMetric } from "./alert-metrics";
import { alertNameSchema, durationText } from "./contact-point-schema";
import { MATCH_OPS, matcherProblem, matchersFromMap, type LabelMatcher } from "./label-matchers";
import { templateProblems } from "./render-template";

export const COMPARISON_OPS = [">", ">=", "<", "<=", "==", "!="] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const GAP_POLICIES = ["alert", "ok", "keep"] as const;

const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a label name: letters, digits and '_'");
/** Labels a rule cannot set itself: they identify the instance. */
const RESERVED_LABELS = new Set(["alertname", "severity", "cluster"]);

export const matcherSchema = z.strictObject({ label: labelName, op: z.enum(MATCH_OPS), value: z.string().max(1000) });

export const ruleInputSchema = z
  .strictObject({
    name: alertNameSchema,
    metric: z.enum(ALERT_METRIC_NAMES, { error: (issue) => `unknown metric ${JSON.stringify(issue.input)}: see the metric table in the README` }),
    /** shorthand: `{cluster: prod, queue: "orders*"}`; a value with * or ? is a glob */
    match: z.record(labelName, z.string().max(1000)).default({}),
    /** explicit matchers (=, !=, =~, !~), ANDed with `match` */
    matchers: z.array(matcherSchema).max(20).default([]),
    op: z.enum(COMPARISON_OPS),
    threshold: z.number().finite(),
    for: durationText({ max: 7 * 86_400_000 }).default("0s"),
    keepFiringFor: durationText({ max: 7 * 86_400_000 }).default("0s"),
    severity: z.enum(SEVERITIES).default("warning"),
    labels: z.record(labelName, z.string().max(1000)).default({}),
    /** summary, description, runbook_url …; `{{ $labels.queue }}`, `{{ $value }}` */
    annotations: z.record(labelName, z.string().max(4000)).default({}),
    /** the entity is gone or its value unknown: alert (state "nodata"), ok (resolve) or keep the state */
    noData: z.enum(GAP_POLICIES).default("ok"),
    /** the cluster's poll failed: alert (state "error"), ok, or keep the state */
    error: z.enum(GAP_POLICIES).default("alert"),
    /** contact point names */
    notify: z.array(alertNameSchema).max(20).default([]),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    const metric = alertMetric(rule.metric);
    const allowed = new Set(["cluster", ...(metric?.labels ?? [])]);
    for (const matcher of matchersOfInput(rule)) {
      if (!allowed.has(matcher.label)) ctx.addIssue({ code: "custom", path: ["match"], message: `${rule.metric} has no label "${matcher.label}" (it has: ${[...allowed].join(", ")})` });
      const problem = matcherProblem(matcher);
      if (problem) ctx.addIssue({ code: "custom", path: ["matchers"], message: problem });
    }
    for (const key of Object.keys(rule.labels)) {
      if (RESERVED_LABELS.has(key) || allowed.has(key)) ctx.addIssue({ code: "custom", path: ["labels", key], message: `"${key}" is set by Queuewatch on every alert` });
    }
    for (const [key, template] of Object.entries(rule.annotations)) {
      for (const problem of templateProblems(template)) ctx.addIssue({ code: "custom", path: ["annotations", key], message: problem });
    }
  });

export type RuleInput = z.infer<typeof ruleInputSchema>;
export type RuleInputRaw = z.input<typeof ruleInputSchema>;

/** `match` (globs) and `matchers` as one list. */
export function matchersOfInput(rule: Pick<RuleInput, "match" | "matchers">): LabelMatcher[] {
  return [...matchersFromMap(rule.match), ...rule.matchers];
}

/** Where a rule comes from: the YAML config (read-only on pages), the built-in defaults, or the API. */
export type RuleSource = "config" | "default" | "api";

/** A rule ready to evaluate. */
export interface AlertRule extends RuleInput {
  id: string;
  source: RuleSource;
  forMs: number;
  keepFiringForMs: number;
  /** updatedAt, epoch ms (the evaluator drops instances of changed rules' removed entities) */
  version: number;
}

/** `value op threshold`. */
export function compare(value: number, op: ComparisonOp, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}
