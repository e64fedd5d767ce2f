// From a parsed rule to one the evaluator runs: durations in ms, matchers compiled once, the cluster
// matchers split out so a rule for another cluster costs nothing per poll. Pure.
import { alertMetric, type AlertMetric } from "./alert-metrics";
import { compileMatchers, type Labels } from "./label-matchers";
import { matchersOfInput, type AlertRule, type RuleInput, type RuleSource } from "./rule-schema";
import { parseDuration } from "@/lib/util/duration";

export interface CompiledRule extends AlertRule {
  metricInfo: AlertMetric;
  /** the rule's `cluster` matchers over { cluster } */
  matchesCluster: (clusterId: string) => boolean;
  /** every other matcher over a sample's labels */
  matchesEntity: (labels: Labels) => boolean;
  /** every matcher over a full label set (backtests, previews) */
  matches: (labels: Labels) => boolean;
}

export function toAlertRule(input: RuleInput, id: string, source: RuleSource, version: number): AlertRule {
  return { ...input, id, source, version, forMs: parseDuration(input.for) ?? 0, keepFiringForMs: parseDuration(input.keepFiringFor) ?? 0 };
}

export function compileRule(rule: AlertRule): CompiledRule {
  const metricInfo = alertMetric(rule.metric);
  if (!metricInfo) throw new Error(`rule ${rule.name}: unknown metric ${rule.metric}`);
  const matchers = matchersOfInput(rule);
  const clusterTest = compileMatchers(matchers.filter((m) => m.label === "cluster"));
  return {
    ...rule,
    metricInfo,
    matchesCluster: (cluster) => clusterTest({ cluster }),
    matchesEntity: compileMatchers(matchers.filter((m) => m.label !== "cluster")),
    matches: compileMatchers(matchers),
  };
}
