// How pages write a rule in one line ("kafka_group_lag > 10000 for 5m"), its matchers, its instance counts,
// and the example entity its annotation templates are previewed for. Pure and client-safe.
import type { AlertState } from "@/lib/alerts/alert-state";
import { alertMetric } from "@/lib/alerts/alert-metrics";
import type { RuleInput } from "@/lib/alerts/rule-schema";
import type { MatcherRow } from "./rule-form";

/** `> 10000 for 5m`, `… keep firing 10m`: the condition without its metric; a zero duration is left out. */
export function thresholdText(rule: Pick<RuleInput, "op" | "for" | "keepFiringFor"> & { threshold: number | string }): string {
  const isZero = (duration: string) => /^(0+[a-z]*)+$/.test(duration.trim()) || duration.trim() === "";
  const parts = [`${rule.op} ${rule.threshold}`];
  if (!isZero(rule.for)) parts.push(`for ${rule.for}`);
  if (!isZero(rule.keepFiringFor)) parts.push(`keep firing ${rule.keepFiringFor}`);
  return parts.join(" ");
}

/** `kafka_group_lag > 10000 for 5m`. */
export const conditionText = (rule: Pick<RuleInput, "metric" | "op" | "for" | "keepFiringFor"> & { threshold: number | string }): string => `${rule.metric} ${thresholdText(rule)}`;

/** Each matcher as written in Alertmanager's syntax; `match:` shorthand entries as `queue glob "orders*"` (or `=` when they hold no wildcard). */
export function matcherTexts(rule: Pick<RuleInput, "match" | "matchers">): string[] {
  return [
    ...Object.entries(rule.match).map(([label, value]) => (/[*?]/.test(value) ? `${label} glob ${JSON.stringify(value)}` : `${label}=${JSON.stringify(value)}`)),
    ...rule.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`),
  ];
}

/** The states a rules table counts, most urgent first; "inactive" instances are the rest ("ok"). */
export const COUNTED_STATES = ["firing", "error", "nodata", "pending"] as const satisfies readonly AlertState[];

export function stateCounts(states: Partial<Record<AlertState, number>>): { state: AlertState; count: number }[] {
  return [...COUNTED_STATES, "inactive" as const].flatMap((state) => {
    const count = states[state] ?? 0;
    return count > 0 ? [{ state, count }] : [];
  });
}

/** An entity a rule would alert on, to preview its texts with. */
export interface ExampleEntity {
  labels: Record<string, string>;
  value: number | null;
}

/**
 * The labels of an alert of this rule for a preview: a real entity when one is known (the backtest's), else
 * one made up from the matchers (an `=` matcher's value, or a glob's value with its wildcards as "x"), the
 * first configured cluster, and `example-<label>` for the rest. The value is the real one, or the threshold.
 */
export function exampleEntity(input: {
  name: string;
  metric: string;
  severity: string;
  matchers: readonly MatcherRow[];
  threshold: number | null;
  clusterIds: readonly string[];
  known?: ExampleEntity | null;
}): ExampleEntity {
  const base = { alertname: input.name.trim() || "unnamed-rule", severity: input.severity };
  if (input.known) return { labels: { ...input.known.labels, ...base }, value: input.known.value };
  const given = new Map<string, string>();
  for (const row of input.matchers) {
    if (given.has(row.label) || row.value === "") continue;
    if (row.op === "=") given.set(row.label, row.value);
    else if (row.op === "glob") given.set(row.label, row.value.replace(/[*?]/g, "x"));
  }
  const labels: Record<string, string> = { cluster: given.get("cluster") ?? input.clusterIds[0] ?? "example-cluster" };
  for (const label of alertMetric(input.metric)?.labels ?? []) labels[label] = given.get(label) ?? (label === "vhost" ? "/" : `example-${label}`);
  return { labels: { ...labels, ...base }, value: input.threshold };
}

/** A rule name split where a line may break: after separators (as Name does) and between camelCase words ("Consumer|Group|Status|Error"). */
export function splitRuleName(name: string): string[] {
  return name.split(/(?<=[./:_\-@ ])(?![./:_\-@ ])|(?<=[a-z0-9])(?=[A-Z])/u).filter((part) => part.length > 0);
}
