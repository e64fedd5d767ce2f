// The rule editor's form state and the RuleInput it stands for, both ways, and its validation with the
// API's own schema (ruleInputSchema). Pure and client-safe: the editor holds a RuleForm, sends toRuleInput's
// result, and shows `validateRuleForm`'s messages beside the fields they are about.
import type { z } from "@/lib/util/zod";
import { ALERT_METRICS, alertMetric } from "@/lib/alerts/alert-metrics";
import type { GapPolicy } from "@/lib/alerts/alert-state";
import type { MatchOp } from "@/lib/alerts/label-matchers";
import { ruleInputSchema, type ComparisonOp, type RuleInput, type RuleInputRaw, type Severity } from "@/lib/alerts/rule-schema";

/** A matcher row: the four Alertmanager operators, or "glob" (the `match:` shorthand, `*` and `?`). */
export const MATCHER_ROW_OPS = ["=", "!=", "=~", "!~", "glob"] as const;
export type MatcherRowOp = (typeof MATCHER_ROW_OPS)[number];

export const MATCHER_OP_LABELS: Record<MatcherRowOp, string> = {
  "=": "= equals",
  "!=": "!= not equal",
  "=~": "=~ regex",
  "!~": "!~ not regex",
  glob: "glob (* ?)",
};

export interface MatcherRow {
  label: string;
  op: MatcherRowOp;
  value: string;
}

export interface KeyValueRow {
  key: string;
  value: string;
}

/** The annotations the editor has a field for; any others are key/value rows. */
export const NAMED_ANNOTATIONS = ["summary", "description", "runbook_url"] as const;
export type NamedAnnotation = (typeof NAMED_ANNOTATIONS)[number];

export interface RuleForm {
  name: string;
  metric: string;
  matchers: MatcherRow[];
  op: ComparisonOp;
  /** as typed; a number once valid */
  threshold: string;
  for: string;
  keepFiringFor: string;
  severity: Severity;
  labels: KeyValueRow[];
  annotations: Record<NamedAnnotation, string>;
  otherAnnotations: KeyValueRow[];
  noData: GapPolicy;
  error: GapPolicy;
  notify: string[];
  enabled: boolean;
}

/** A new rule: the schema's defaults, the first Kafka lag metric, no name yet. */
export function emptyRuleForm(): RuleForm {
  return {
    name: "",
    metric: "kafka_group_lag",
    matchers: [],
    op: ">",
    threshold: "",
    for: "5m",
    keepFiringFor: "0s",
    severity: "warning",
    labels: [],
    annotations: { summary: "", description: "", runbook_url: "" },
    otherAnnotations: [],
    noData: "ok",
    error: "alert",
    notify: [],
    enabled: true,
  };
}

const isNamed = (key: string): key is NamedAnnotation => (NAMED_ANNOTATIONS as readonly string[]).includes(key);
const rowsOf = (record: Readonly<Record<string, string>>): KeyValueRow[] => Object.entries(record).map(([key, value]) => ({ key, value }));

/** A saved rule as the form shows it; `match:` entries become "glob" rows (the shorthand is kept on save). */
export function ruleToForm(rule: RuleInput): RuleForm {
  const annotations = { summary: "", description: "", runbook_url: "" };
  const otherAnnotations: KeyValueRow[] = [];
  for (const [key, value] of Object.entries(rule.annotations)) {
    if (isNamed(key)) annotations[key] = value;
    else otherAnnotations.push({ key, value });
  }
  return {
    name: rule.name,
    metric: rule.metric,
    matchers: [
      ...Object.entries(rule.match).map(([label, value]): MatcherRow => ({ label, op: "glob", value })),
      ...rule.matchers.map((m): MatcherRow => ({ label: m.label, op: m.op, value: m.value })),
    ],
    op: rule.op,
    threshold: String(rule.threshold),
    for: rule.for,
    keepFiringFor: rule.keepFiringFor,
    severity: rule.severity,
    labels: rowsOf(rule.labels),
    annotations,
    otherAnnotations,
    noData: rule.noData,
    error: rule.error,
    notify: [...rule.notify],
    enabled: rule.enabled,
  };
}

/** Field → messages, keyed as the form lays them out: "name", "threshold", "matchers", "labels", "annotations.summary", … */
export type FieldErrors = Record<string, string[]>;

const isBlankRow = (row: KeyValueRow) => row.key.trim() === "" && row.value.trim() === "";

/** A number as typed ("10000", "1e4", "0.5"); null for blank or not a finite number. */
export function parseThreshold(text: string): number | null {
  const trimmed = text.trim().replace(/_/g, "");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Key/value rows as a record; a repeated key is reported under `field`. */
function recordOf(rows: readonly KeyValueRow[], field: string, errors: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    const key = row.key.trim();
    if (key === "") addError(errors, field, `a value without a name: "${row.value.slice(0, 40)}"`);
    else if (key in out) addError(errors, field, `"${key}" is set twice`);
    else out[key] = row.value;
  }
  return out;
}

/**
 * The RuleInput the form stands for, before the schema checks it, plus the problems only the form can see
 * (a threshold that is not a number, a glob label given twice, a label row without a name).
 */
export function formToRawInput(form: RuleForm): { raw: RuleInputRaw; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const match: Record<string, string> = {};
  const matchers: { label: string; op: MatchOp; value: string }[] = [];
  for (const row of form.matchers) {
    const label = row.label.trim();
    if (label === "" && row.value === "") continue;
    if (label === "") {
      addError(errors, "matchers", `choose a label for the matcher on "${row.value.slice(0, 40)}"`);
      continue;
    }
    if (row.op === "glob") {
      if (label in match) addError(errors, "matchers", `only one glob per label: "${label}" has two`);
      else match[label] = row.value;
    } else matchers.push({ label, op: row.op, value: row.value });
  }
  if (form.name.trim() === "") addError(errors, "name", "enter a name");
  const threshold = parseThreshold(form.threshold);
  if (threshold === null) addError(errors, "threshold", form.threshold.trim() === "" ? "enter the threshold the value is compared with" : `"${form.threshold}" is not a number`);
  const annotations = recordOf(form.otherAnnotations, "annotations", errors);
  for (const key of NAMED_ANNOTATIONS) {
    if (key in annotations) addError(errors, "annotations", `"${key}" has its own field above`);
    const text = form.annotations[key];
    if (text.trim() !== "") annotations[key] = text;
  }
  const raw: RuleInputRaw = {
    name: form.name.trim(),
    metric: form.metric as RuleInputRaw["metric"],
    match,
    matchers,
    op: form.op,
    threshold: threshold ?? Number.NaN,
    // Blank means the schema's default ("0s").
    ...(form.for.trim() === "" ? {} : { for: form.for.trim() }),
    ...(form.keepFiringFor.trim() === "" ? {} : { keepFiringFor: form.keepFiringFor.trim() }),
    severity: form.severity,
    labels: recordOf(form.labels, "labels", errors),
    annotations,
    noData: form.noData,
    error: form.error,
    notify: form.notify,
    enabled: form.enabled,
  };
  return { raw, errors };
}

/** The form field a schema issue belongs to (annotations by name, so each template shows its own problem). */
export function fieldOfIssue(path: readonly PropertyKey[]): string {
  const [head, next] = path;
  if (head === undefined) return "form";
  if (head === "match") return "matchers";
  if (head === "annotations" && typeof next === "string" && isNamed(next)) return `annotations.${next}`;
  return String(head);
}

export function errorsOfIssues(issues: z.ZodError["issues"]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path);
    const [, key] = issue.path;
    const where = (field === "labels" || field === "annotations") && typeof key === "string" ? `${key}: ` : "";
    // A bad record key ("my label"): zod nests the key schema's own message.
    const message = issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    addError(errors, field, `${where}${message}`);
  }
  return errors;
}

export type RuleValidation = { ok: true; rule: RuleInput } | { ok: false; errors: FieldErrors };

/**
 * Valid stand-ins for fields that failed, so a second parse reaches the schema's cross-field checks (matcher
 * labels and regexes, templates, reserved labels): zod runs those only on an otherwise valid rule, and a form
 * should show every problem at once, not one layer per attempt.
 */
const STAND_INS: Partial<RuleInputRaw> = { name: "x", threshold: 0, for: "0s", keepFiringFor: "0s", notify: [] };

function schemaIssues(raw: RuleInputRaw): z.ZodError["issues"] {
  const parsed = ruleInputSchema.safeParse(raw);
  if (parsed.success) return [];
  const failed = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  if (![...failed].every((field) => field in STAND_INS)) return parsed.error.issues;
  const standIns = Object.fromEntries(Object.entries(STAND_INS).filter(([field]) => failed.has(field)));
  const second = ruleInputSchema.safeParse({ ...raw, ...standIns });
  return [...parsed.error.issues, ...(second.success ? [] : second.error.issues.filter((issue) => !failed.has(String(issue.path[0]))))];
}

/** The form checked as the API will check it; `ok` carries the exact body to send. */
export function validateRuleForm(form: RuleForm): RuleValidation {
  const { raw, errors } = formToRawInput(form);
  const parsed = ruleInputSchema.safeParse(raw);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, rule: parsed.data };
  // The form's own message about a field says it better than the schema's ("enter a name", not "too small").
  const fromSchema = Object.entries(errorsOfIssues(schemaIssues(raw))).filter(([field]) => !(field in errors));
  return { ok: false, errors: { ...errors, ...Object.fromEntries(fromSchema) } };
}

/** A stand-in name, so the backtest can run before the rule is named. */
export const UNNAMED_RULE = "unnamed-rule";

/**
 * The rule the backtest runs: everything that decides when it fires, valid; null while those fields are not.
 * Name, notify and texts do not change what would have fired, so they are ignored (a missing name is filled in).
 */
export function backtestableRule(form: RuleForm): RuleInput | null {
  const validation = validateRuleForm({ ...form, name: UNNAMED_RULE, notify: [], annotations: { summary: "", description: "", runbook_url: "" }, otherAnnotations: [], labels: [] });
  return validation.ok ? { ...validation.rule, name: UNNAMED_RULE, enabled: true } : null;
}

/** The metric picker's groups, in the catalog's order. */
export function metricGroups(): { label: string; metrics: (typeof ALERT_METRICS)[number][] }[] {
  const groupOf = (name: string) => (name.startsWith("kafka_") ? "Kafka" : name.startsWith("rabbitmq_") ? "RabbitMQ" : "Queuewatch");
  const groups = new Map<string, (typeof ALERT_METRICS)[number][]>();
  for (const metric of ALERT_METRICS) {
    const label = groupOf(metric.name);
    groups.set(label, [...(groups.get(label) ?? []), metric]);
  }
  return [...groups].map(([label, metrics]) => ({ label, metrics }));
}

/** The labels a matcher of `metric` may use: `cluster` and the metric's entity labels. */
export function matcherLabels(metric: string): string[] {
  return ["cluster", ...(alertMetric(metric)?.labels ?? [])];
}
