// One poll's evaluation of every rule: samples → one observation per alert instance → the pure state machine.
// Pure: the collector passes the poll, the instances it holds for the cluster and `now`; it persists what comes
// back. No database round trip per rule: the poll's own samples are the input.
import { evaluateInstance, INITIAL_STATE, NOTIFYING_STATES, type InstanceState, type Observation } from "./alert-state";
import { fingerprint, labelSetString } from "./alertmanager-format";
import type { CompiledRule } from "./compile-rule";
import { renderTemplate } from "./render-template";
import { compare } from "./rule-schema";
import type { MetricSample } from "@/lib/store/metric-sample";

/** An instance as the collector keeps (and persists) it. */
export interface StoredInstance {
  ruleId: string;
  ruleName: string;
  /** entity labels (cluster included) as a label-set string: unique within the rule */
  instanceKey: string;
  clusterId: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: InstanceState;
  /** set when a notifying instance resolved; the row is kept until the notifier has sent the resolve */
  resolvedAt: number | null;
}

export interface TransitionRecord {
  at: number;
  ruleId: string;
  ruleName: string;
  clusterId: string;
  fingerprint: string;
  labels: Record<string, string>;
  from: string;
  to: string;
  value: number | null;
}

export interface PollInput {
  clusterId: string;
  ok: boolean;
  polledAt: number;
  error: string | null;
  samples: readonly MetricSample[];
}

export interface PollEvaluation {
  /** instances to write (new state) */
  upserts: StoredInstance[];
  /** instances to drop (back to inactive without having notified) */
  deletes: { ruleId: string; instanceKey: string }[];
  transitions: TransitionRecord[];
}

export const instanceId = (ruleId: string, instanceKey: string): string => `${ruleId}\u0000${instanceKey}`;

/** The metric whose failed polls are values (0), not errors. */
const UP_METRIC = "queuewatch_cluster_up";

/**
 * What evaluations remember between polls of the same series list (the usual case): per cluster and metric the
 * list's signature and each series' entity, per rule the samples it selects. Owned by the caller (the engine).
 */
export interface EvaluationCache {
  metrics: Map<string, { signature: string; entities: Map<string, Entity> }>;
  selections: Map<string, { signature: string; indices: number[] }>;
}

export const newEvaluationCache = (): EvaluationCache => ({ metrics: new Map(), selections: new Map() });

interface Entity {
  labels: Record<string, string>;
  /** label-set string: the instance key within a rule */
  key: string;
}

interface MetricSamples {
  samples: MetricSample[];
  /** each sample's labels as JSON, in order */
  json: string[];
  /** the JSON joined: equal between polls when the series did not change (and then the very same string, so comparing is cheap) */
  signature: string;
  entities: Map<string, Entity>;
}

function byMetric(clusterId: string, samples: readonly MetricSample[], cache: EvaluationCache): Map<string, MetricSamples> {
  const grouped = new Map<string, MetricSample[]>();
  for (const sample of samples) {
    const list = grouped.get(sample.metric);
    if (list) list.push(sample);
    else grouped.set(sample.metric, [sample]);
  }
  const out = new Map<string, MetricSamples>();
  for (const [metric, list] of grouped) {
    const json = list.map((s) => JSON.stringify(s.labels));
    const joined = json.join("\n");
    const cacheKey = `${clusterId}\u0000${metric}`;
    const held = cache.metrics.get(cacheKey);
    const same = held !== undefined && held.signature === joined;
    // A changed list starts a fresh entity map (so entities of gone series do not pile up).
    const entry = same ? held : { signature: joined, entities: new Map<string, Entity>() };
    cache.metrics.set(cacheKey, entry);
    out.set(metric, { samples: list, json, signature: entry.signature, entities: entry.entities });
  }
  return out;
}

/** An instance's identity: its cluster and the metric's own labels (the live evaluator and the backtest agree on it). */
export function entityLabels(rule: Pick<CompiledRule, "metricInfo">, clusterId: string, labels: Readonly<Record<string, string>>): Record<string, string> {
  const entity: Record<string, string> = { cluster: clusterId };
  for (const name of rule.metricInfo.labels) entity[name] = labels[name] ?? "";
  return entity;
}

/** The labels every notification of the instance carries. */
export function alertLabels(rule: CompiledRule, entity: Readonly<Record<string, string>>): Record<string, string> {
  return { ...rule.labels, ...entity, alertname: rule.name, severity: rule.severity };
}

function selected(rule: CompiledRule, clusterId: string, metric: MetricSamples, cache: EvaluationCache): number[] {
  const key = `${clusterId}\u0000${rule.id}@${rule.version}`;
  const hit = cache.selections.get(key);
  if (hit && hit.signature === metric.signature) return hit.indices;
  const indices: number[] = [];
  metric.samples.forEach((sample, index) => {
    if (rule.matchesEntity(sample.labels)) indices.push(index);
  });
  cache.selections.set(key, { signature: metric.signature, indices });
  return indices;
}

function entityOf(rule: CompiledRule, clusterId: string, metric: MetricSamples, index: number): Entity {
  const json = metric.json[index] ?? "";
  let entity = metric.entities.get(json);
  if (!entity) {
    const labels = entityLabels(rule, clusterId, (metric.samples[index] as MetricSample).labels);
    entity = { labels, key: labelSetString(labels) };
    metric.entities.set(json, entity);
  }
  return entity;
}

/**
 * Evaluates `rules` against one poll of one cluster. `current` holds the cluster's stored instances keyed by
 * `instanceId`. A failed poll is an "error" observation for every instance it touches (except the up metric,
 * whose failed poll is the value 0); an instance whose entity is missing from a good poll is "no data", unless
 * the metric is slow-cadence and this poll did not read it at all.
 */
export function evaluatePoll(rules: readonly CompiledRule[], poll: PollInput, current: ReadonlyMap<string, StoredInstance>, cache: EvaluationCache = newEvaluationCache()): PollEvaluation {
  const now = poll.polledAt;
  const metrics = byMetric(poll.clusterId, poll.samples, cache);
  const out: PollEvaluation = { upserts: [], deletes: [], transitions: [] };
  const existingByRule = new Map<string, Map<string, StoredInstance>>();
  for (const instance of current.values()) {
    const held = existingByRule.get(instance.ruleId) ?? new Map<string, StoredInstance>();
    held.set(instance.instanceKey, instance);
    existingByRule.set(instance.ruleId, held);
  }

  for (const rule of rules) {
    if (!rule.enabled || !rule.matchesCluster(poll.clusterId)) continue;
    const policy = { forMs: rule.forMs, keepFiringForMs: rule.keepFiringForMs, noData: rule.noData, error: rule.error };
    const existing = existingByRule.get(rule.id);
    const seen = new Set<string>();
    const step = (instanceKey: string, entity: Record<string, string> | null, observation: Observation) => {
      const previous = existing?.get(instanceKey);
      if (previous === undefined && (entity === null || (observation.kind === "value" && !observation.breached))) return;
      const { next, transition } = evaluateInstance(previous?.state ?? INITIAL_STATE, observation, now, policy);
      if (previous === undefined && next.state === "inactive") return;
      const labels = previous?.labels ?? alertLabels(rule, entity ?? {});
      const print = previous?.fingerprint ?? fingerprint(labels);
      if (transition) out.transitions.push({ at: now, ruleId: rule.id, ruleName: rule.name, clusterId: poll.clusterId, fingerprint: print, labels, from: transition.from, to: transition.to, value: next.value });
      if (next.state === "inactive") {
        // Kept (with its start) until the notifier has sent the resolve.
        if (transition?.notify === "resolved" && previous) out.upserts.push({ ...previous, state: { ...next, notifyingSince: previous.state.notifyingSince }, resolvedAt: now });
        else if (previous !== undefined && previous.resolvedAt === null) out.deletes.push({ ruleId: rule.id, instanceKey });
        return;
      }
      const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([name, template]) => [name, renderTemplate(template, { labels, value: next.value })]));
      out.upserts.push({ ruleId: rule.id, ruleName: rule.name, instanceKey, clusterId: poll.clusterId, fingerprint: print, labels, annotations, state: next, resolvedAt: null });
    };

    const metric = metrics.get(rule.metric);
    if (metric) {
      for (const index of selected(rule, poll.clusterId, metric, cache)) {
        const sample = metric.samples[index] as MetricSample;
        const breached = compare(sample.value, rule.op, rule.threshold);
        // The common case costs one comparison: no instance yet and no breach.
        if (!breached && existing === undefined) continue;
        const entity = entityOf(rule, poll.clusterId, metric, index);
        if (seen.has(entity.key)) continue;
        seen.add(entity.key);
        step(entity.key, entity.labels, { kind: "value", value: sample.value, breached });
      }
    }
    if (existing === undefined) continue;
    const failed = !poll.ok && rule.metric !== UP_METRIC;
    const skipMissing = poll.ok && metric === undefined && rule.metricInfo.cadence === "slow";
    for (const instance of existing.values()) {
      if (seen.has(instance.instanceKey) || instance.clusterId !== poll.clusterId || skipMissing) continue;
      // A resolved instance waiting for its notification is not evaluated again until its entity returns.
      if (instance.state.state === "inactive") continue;
      step(instance.instanceKey, null, failed ? { kind: "error", message: poll.error ?? "poll failed" } : { kind: "nodata" });
    }
  }
  return out;
}

/** Whether receivers hear of the instance as firing. */
export const isNotifying = (instance: StoredInstance): boolean => NOTIFYING_STATES.includes(instance.state.state);
