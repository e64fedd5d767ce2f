// The backtest's pure core: "while editing a rule, it would have fired N times". Replays a rule over stored
// history, one evaluation of the live evaluator's own state machine (evaluateInstance) per time bucket, and
// reports each firing span. Pure and client-safe: the store query is run-backtest.ts's job.
import { z } from "@/lib/util/zod";
import { evaluateInstance, INITIAL_STATE, NOTIFYING_STATES, type InstanceState, type Observation, type StatePolicy } from "../alert-state";
import type { CompiledRule } from "../compile-rule";
import { compare, ruleInputSchema, type ComparisonOp } from "../rule-schema";
import type { TimePoint } from "@/lib/store/buckets";

export const BACKTEST_RANGES = ["1d", "7d", "30d"] as const;
export type BacktestRange = (typeof BACKTEST_RANGES)[number];

/** `POST /api/v1/alert-rules/backtest`: the rule as the editor holds it, and how far back to look. */
export const backtestRequestSchema = z.strictObject({ rule: ruleInputSchema, range: z.enum(BACKTEST_RANGES) });

export type BucketAggregation = "max" | "min" | "last";

/**
 * Which value of a bucket the rule is evaluated on. A bucket holds many polls; the live evaluator saw each of
 * them, so a spike in one poll must not vanish into an average: for `>`/`>=` the bucket's max breaches if any
 * poll did, for `<`/`<=` its min. Equality has no "worst" value, so `==`/`!=` use the bucket's last value
 * (what the evaluator held at the bucket's end).
 */
export function bucketAggregation(op: ComparisonOp): BucketAggregation {
  switch (op) {
    case ">":
    case ">=":
      return "max";
    case "<":
    case "<=":
      return "min";
    case "==":
    case "!=":
      return "last";
  }
}

/** What the replay needs of a rule (a CompiledRule has it all). */
export type BacktestRule = Pick<CompiledRule, "op" | "threshold" | "forMs" | "keepFiringForMs" | "noData" | "error">;

/**
 * Whether an entity can be ruled out from a coarser tier's buckets before its fine ones are read. A fine bucket's
 * max is at most its hour's max (its min at least the hour's min), so when no hour breaches `>`/`>=` (`<`/`<=`),
 * no fine bucket does, and an entity that never breaches never leaves "inactive" (see backtestEntity): it cannot
 * fire. Not for `==`/`!=` (the last value has no such bound), nor with noData "alert": a gap inside an hour is
 * invisible at 1 h, and under "alert" a gap can fire.
 */
export function coarsePrefilterApplies(rule: Pick<BacktestRule, "op" | "noData">): boolean {
  return bucketAggregation(rule.op) !== "last" && rule.noData !== "alert";
}

/** An entity's history in coarse (hour) buckets, as the prefilter reads it. */
export interface CoarseSummary {
  /** buckets the range spans */
  buckets: number;
  /** buckets with a (non-NaN) value */
  withValue: number;
  /** the max (for `>`, `>=`) or min (for `<`, `<=`) of those values; null when there are none */
  extreme: number | null;
}

/**
 * Whether some fine bucket inside the coarse ones may breach (see coarsePrefilterApplies): a coarse bucket breaches,
 * or one has no value at all (a missing or NaN hour says nothing about the rows under it: read them).
 */
export function mayBreachInside(rule: Pick<BacktestRule, "op" | "threshold">, summary: CoarseSummary): boolean {
  return summary.withValue < summary.buckets || (summary.extreme !== null && compare(summary.extreme, rule.op, rule.threshold));
}

/** One entity's history: its labels (cluster included) and one point per bucket, oldest first, v null for "no data". */
export interface EntitySeries {
  labels: Record<string, string>;
  points: readonly TimePoint[];
}

export interface BacktestFiring {
  labels: Record<string, string>;
  /** epoch ms of the first bucket the instance notified in */
  startsAt: number;
  /** epoch ms of the first bucket it no longer did; null: still firing at the end of the range */
  endsAt: number | null;
  /** endsAt − startsAt, or up to the end of the range when still firing */
  durationMs: number;
  /** the most extreme breaching value seen while firing (see peakOf); null when it fired on no data only */
  peak: number | null;
}

export interface BacktestResult {
  /** every firing, by start time */
  firings: BacktestFiring[];
  /** entities (series) evaluated */
  entities: number;
  /** entities with at least one firing */
  firingEntities: number;
  totalFiringMs: number;
}

const policyOf = (rule: BacktestRule): StatePolicy => ({ forMs: rule.forMs, keepFiringForMs: rule.keepFiringForMs, noData: rule.noData, error: rule.error });

/** The "worst" of two breaching values: the higher for `>`, the lower for `<`, the farther from the threshold for `!=`. */
function peakOf(rule: BacktestRule, current: number | null, value: number): number {
  if (current === null) return value;
  switch (rule.op) {
    case ">":
    case ">=":
      return Math.max(current, value);
    case "<":
    case "<=":
      return Math.min(current, value);
    case "==":
    case "!=":
      return Math.abs(value - rule.threshold) > Math.abs(current - rule.threshold) ? value : current;
  }
}

/**
 * The firings of one entity. Each point is one evaluation at its bucket's start `t`: a value is observed
 * against the threshold, a null is "no data". A firing is a continuous run of notifying states, i.e. what a
 * receiver hears as firing until its resolve: "firing", and "nodata" only when the rule's noData policy is
 * "alert" (the state machine enters "nodata" under no other policy; "keep" holds a firing alert through a gap,
 * "ok" resolves it unless keepFiringFor still holds). Stored history has no poll failures, so "error" never
 * occurs here. As in evaluatePoll, a gap reaches only an instance that exists (pending or notifying): an
 * inactive entity without data is not evaluated, so data starting mid-range never fires on the gap before it.
 * With one evaluation per bucket, `for` and `keepFiringFor` count in whole buckets: an instance fires at the
 * first bucket at least `for` after the first breaching one (a `for` shorter than a bucket takes two buckets).
 * `endMs`: the end of the range, for a firing still open there.
 */
export function backtestEntity(rule: BacktestRule, series: EntitySeries, endMs: number): BacktestFiring[] {
  const policy = policyOf(rule);
  const firings: BacktestFiring[] = [];
  let state: InstanceState = INITIAL_STATE;
  let open: { startsAt: number; peak: number | null } | null = null;
  for (const { t, v } of series.points) {
    const observation: Observation = v === null ? { kind: "nodata" } : { kind: "value", value: v, breached: compare(v, rule.op, rule.threshold) };
    // An inactive instance is not evaluated on a gap (see above), and stays inactive on a clear value (only its
    // `value` would change): skipping both is most of the work saved on quiet entities. The test suite checks
    // the second against evaluateInstance.
    if (state.state === "inactive" && (observation.kind === "nodata" || !observation.breached)) continue;
    state = evaluateInstance(state, observation, t, policy).next;
    const notifying = NOTIFYING_STATES.includes(state.state);
    if (notifying) {
      open ??= { startsAt: t, peak: null };
      if (observation.kind === "value" && observation.breached) open.peak = peakOf(rule, open.peak, observation.value);
    } else if (open) {
      firings.push({ labels: series.labels, startsAt: open.startsAt, endsAt: t, durationMs: t - open.startsAt, peak: open.peak });
      open = null;
    }
  }
  if (open) firings.push({ labels: series.labels, startsAt: open.startsAt, endsAt: null, durationMs: Math.max(0, endMs - open.startsAt), peak: open.peak });
  return firings;
}

/** Totals over every entity's firings (`firingsByEntity`: one list per entity, empty lists may be left out). */
export function summarizeBacktest(entities: number, firingsByEntity: readonly (readonly BacktestFiring[])[]): BacktestResult {
  const firings = firingsByEntity.flat().sort((a, b) => a.startsAt - b.startsAt);
  return {
    firings,
    entities,
    firingEntities: firingsByEntity.filter((list) => list.length > 0).length,
    totalFiringMs: firings.reduce((sum, firing) => sum + firing.durationMs, 0),
  };
}

/** Replays `rule` over every entity's buckets (see backtestEntity). */
export function backtestSeries(rule: BacktestRule, series: readonly EntitySeries[], endMs: number): BacktestResult {
  return summarizeBacktest(
    series.length,
    series.map((entity) => backtestEntity(rule, entity, endMs)),
  );
}
