import { describe, expect, it } from "vitest";
import { evaluateInstance, INITIAL_STATE, type InstanceState } from "../alert-state";
import { compileRule, toAlertRule, type CompiledRule } from "../compile-rule";
import { ruleInputSchema, type ComparisonOp, type RuleInputRaw } from "../rule-schema";
import { backtestEntity, backtestRequestSchema, backtestSeries, bucketAggregation, coarsePrefilterApplies, mayBreachInside, type EntitySeries } from "./backtest-series";

const MIN = 60_000;
const HOUR = 60 * MIN;
const LABELS = { cluster: "prod", vhost: "/", queue: "orders" };

/** The rule exactly as the editor would send it, compiled as the backtest route does. */
function rule(overrides: Partial<RuleInputRaw> = {}): CompiledRule {
  const input = ruleInputSchema.parse({ name: "QueueDeep", metric: "rabbitmq_queue_messages", op: ">", threshold: 100, ...overrides });
  return compileRule(toAlertRule(input, "backtest", "api", 0));
}

/** One point per minute from t = 0. */
const minutes = (values: readonly (number | null)[], labels: Record<string, string> = LABELS): EntitySeries => ({ labels, points: values.map((v, i) => ({ t: i * MIN, v })) });

/** [startsAt, endsAt, peak] in minutes, for compact tables. */
type Span = [number, number | null, number | null];
const spans = (r: CompiledRule, values: readonly (number | null)[]): Span[] =>
  backtestEntity(r, minutes(values), values.length * MIN).map((f) => [f.startsAt / MIN, f.endsAt === null ? null : f.endsAt / MIN, f.peak]);

describe("backtestEntity", () => {
  it.each<[string, (number | null)[], Partial<RuleInputRaw>, Span[]]>([
    ["never breached", [10, 20, 30], {}, []],
    ["the threshold itself is not a breach (>)", [100, 100], {}, []],
    ["for = 0 fires at the first breaching bucket and ends at the first clear one", [10, 150, 200, 50], {}, [[1, 3, 200]]],
    ["`for` counts in buckets: pending at 0 and 1, firing from 2", [150, 150, 150, 150, 10], { for: "2m" }, [[2, 4, 150]]],
    ["a `for` shorter than a bucket needs two breaching buckets", [10, 150, 150, 10], { for: "30s" }, [[2, 3, 150]]],
    ["flapping never stays breached for `for`: no firing", [150, 10, 150, 10, 150, 10, 150], { for: "2m" }, []],
    ["keepFiringFor bridges the flaps into one firing", [150, 10, 150, 10, 10, 10], { keepFiringFor: "2m" }, [[0, 4, 150]]],
    ["without keepFiringFor every flap is its own firing", [150, 10, 150, 10], {}, [[0, 1, 150], [2, 3, 150]]],
    ["a gap with noData ok (default) resolves; the breach after it fires again", [150, null, 150, 10], {}, [[0, 1, 150], [2, 3, 150]]],
    ["a gap with noData keep holds a firing alert", [150, null, null, 150, 10], { noData: "keep" }, [[0, 4, 150]]],
    ["a gap with noData keep holds nothing for an inactive entity", [10, null, null, 10], { noData: "keep" }, []],
    ["noData alert: a gap while firing continues the same firing (state nodata)", [150, null, 150, 10], { noData: "alert" }, [[0, 3, 150]]],
    ["noData alert: a gap while pending fires on no data (peak null)", [150, null, 10], { noData: "alert", for: "5m" }, [[1, 2, null]]],
    ["noData alert: gaps before data and between clear values do not fire (no live instance exists)", [null, null, 10, null, 10], { noData: "alert" }, []],
    ["`<` breaches below the threshold; the peak is the lowest value", [150, 90, 40, 70, 120], { op: "<" }, [[1, 4, 40]]],
    ["`!=` peaks at the value farthest from the threshold", [100, 99, 130, 95, 100], { op: "!=" }, [[1, 4, 130]]],
    ["`==` fires on the exact value", [99, 100, 100, 101], { op: "==" }, [[1, 3, 100]]],
  ])("%s", (_name, values, overrides, expected) => {
    expect(spans(rule(overrides), values)).toEqual(expected);
  });

  // backtestEntity skips these evaluations; the state machine must agree that they change nothing that matters.
  it("an inactive instance stays inactive on a clear value, whatever the policy or history", () => {
    const afterResolve: InstanceState = { ...INITIAL_STATE, lastBreachAt: 0, value: 5, lastEvaluatedAt: 60_000 };
    for (const start of [INITIAL_STATE, afterResolve]) {
      for (const noData of ["ok", "keep", "alert"] as const) {
        const policy = { forMs: 0, keepFiringForMs: 3_600_000, noData, error: noData };
        const { next, transition } = evaluateInstance(start, { kind: "value", value: 1, breached: false }, 120_000, policy);
        expect(next.state).toBe("inactive");
        expect(transition).toBeNull();
      }
    }
  });

  it("a firing still open at the end has endsAt null and lasts until the end of the range", () => {
    const [firing] = backtestEntity(rule(), minutes([10, 10, 150, 150]), 4 * MIN + 30_000);
    expect(firing).toEqual({ labels: LABELS, startsAt: 2 * MIN, endsAt: null, durationMs: 2 * MIN + 30_000, peak: 150 });
  });
});

describe("bucketAggregation", () => {
  it.each<[ComparisonOp, string]>([
    [">", "max"],
    [">=", "max"],
    ["<", "min"],
    ["<=", "min"],
    ["==", "last"],
    ["!=", "last"],
  ])("%s reads the bucket's %s", (op, aggregation) => {
    expect(bucketAggregation(op)).toBe(aggregation);
  });
});

describe("the coarse prefilter", () => {
  it.each<[ComparisonOp, "ok" | "keep" | "alert", boolean]>([
    [">", "ok", true],
    [">=", "keep", true],
    ["<", "ok", true],
    ["<=", "keep", true],
    [">", "alert", false],
    ["<", "alert", false],
    ["==", "ok", false],
    ["!=", "keep", false],
  ])("%s with noData %s: applies %s", (op, noData, applies) => {
    expect(coarsePrefilterApplies(rule({ op, noData }))).toBe(applies);
  });

  it.each<[string, ComparisonOp, number, number | null, boolean]>([
    ["every hour below the threshold", ">", 24, 99, false],
    ["the threshold itself does not breach >", ">", 24, 100, false],
    ["it does breach >=", ">=", 24, 100, true],
    ["one hour above", ">", 24, 101, true],
    ["an hour without a value is a maybe", ">", 23, 99, true],
    ["no value at all is a maybe", ">", 0, null, true],
    ["`<`: the lowest hour above the threshold", "<", 24, 101, false],
    ["`<`: one hour below", "<", 24, 99, true],
    ["`<=`: at the threshold", "<=", 24, 100, true],
  ])("%s", (_name, op, withValue, extreme, expected) => {
    expect(mayBreachInside(rule({ op }), { buckets: 24, withValue, extreme })).toBe(expected);
  });

  // The claim the store path rests on: when the hours (max or min of the minutes under them, an hour without any
  // value as null) rule an entity out, its minutes fire never, whatever the rule's timing and gap policy (not "alert").
  it("an entity ruled out by its hours has no firing in its minutes (random series)", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let ruledOut = 0;
    for (let trial = 0; trial < 400; trial += 1) {
      const values = Array.from({ length: 6 * 60 }, () => (random() < 0.1 ? null : Math.round(random() * 200)));
      const op = ([">", ">=", "<", "<="] as const)[trial % 4] ?? ">";
      const r = rule({ op, threshold: op.startsWith(">") ? 150 + Math.round(random() * 60) : Math.round(random() * 60) - 10, for: `${Math.floor(random() * 5)}m`, keepFiringFor: `${Math.floor(random() * 5)}m`, noData: random() < 0.5 ? "ok" : "keep" });
      const hours = Array.from({ length: 6 }, (_, h) => values.slice(h * 60, h * 60 + 60).filter((v): v is number => v !== null));
      const hourValues = hours.map((inHour) => (inHour.length === 0 ? null : bucketAggregation(op) === "max" ? Math.max(...inHour) : Math.min(...inHour)));
      const present = hourValues.filter((v): v is number => v !== null);
      const extreme = present.length === 0 ? null : bucketAggregation(op) === "max" ? Math.max(...present) : Math.min(...present);
      if (mayBreachInside(r, { buckets: 6, withValue: present.length, extreme })) continue;
      ruledOut += 1;
      expect(backtestEntity(r, minutes(values), values.length * MIN)).toEqual([]);
    }
    expect(ruledOut).toBeGreaterThan(20);
  });
});

// Issue 12: "Backtest counts equal a hand-computed answer on a generated series".
describe("backtestSeries on a generated sine", () => {
  // v(t) = 100 + 50·sin(2π·t / 1 h), sampled once a minute (minute m of each hour).
  // v > 130 ⇔ sin(2π·m/60) > 0.6 ⇔ 2π·m/60 ∈ (asin 0.6, π − asin 0.6) = (0.6435, 2.4981) rad ⇔ m ∈ (6.15, 23.85),
  // so minutes 7 … 23 of every hour breach (17 buckets) and minute 24 is the first clear one.
  // v < 70 ⇔ sin < −0.6 ⇔ m ∈ (36.15, 53.85): minutes 37 … 53.
  const sine = (count: number, phaseMinutes = 0): (number | null)[] => Array.from({ length: count }, (_, m) => 100 + 50 * Math.sin((2 * Math.PI * (m + phaseMinutes)) / 60));
  const SIX_HOURS = 6 * 60;
  const hours = [0, 1, 2, 3, 4, 5];

  it("for = 0: one 17-minute firing per hour, from minute 7 to minute 24", () => {
    const result = backtestSeries(rule({ threshold: 130 }), [minutes(sine(SIX_HOURS))], SIX_HOURS * MIN);
    expect(result.firings.map((f) => [f.startsAt, f.endsAt, f.durationMs])).toEqual(hours.map((h) => [h * HOUR + 7 * MIN, h * HOUR + 24 * MIN, 17 * MIN]));
    // The peak is the sampled maximum, minute 15 (sin = 1).
    expect(result.firings.every((f) => f.peak === 150)).toBe(true);
    expect(result).toMatchObject({ entities: 1, firingEntities: 1, totalFiringMs: 6 * 17 * MIN });
  });

  it("for = 5m: firing from minute 12 (7 + 5) to 24", () => {
    const result = backtestSeries(rule({ threshold: 130, for: "5m" }), [minutes(sine(SIX_HOURS))], SIX_HOURS * MIN);
    expect(result.firings.map((f) => [f.startsAt, f.endsAt])).toEqual(hours.map((h) => [h * HOUR + 12 * MIN, h * HOUR + 24 * MIN]));
    expect(result.totalFiringMs).toBe(6 * 12 * MIN);
  });

  it("keepFiringFor = 3m: the last breach is minute 23, so it resolves at minute 26 (23 + 3)", () => {
    const result = backtestSeries(rule({ threshold: 130, keepFiringFor: "3m" }), [minutes(sine(SIX_HOURS))], SIX_HOURS * MIN);
    expect(result.firings.map((f) => [f.startsAt, f.endsAt])).toEqual(hours.map((h) => [h * HOUR + 7 * MIN, h * HOUR + 26 * MIN]));
  });

  it("`<`: minutes 37 to 53 breach, with the trough (50) as the peak", () => {
    const result = backtestSeries(rule({ threshold: 70, op: "<" }), [minutes(sine(SIX_HOURS))], SIX_HOURS * MIN);
    expect(result.firings.map((f) => [f.startsAt, f.endsAt, f.peak])).toEqual(hours.map((h) => [h * HOUR + 37 * MIN, h * HOUR + 54 * MIN, 50]));
  });

  it("several entities, sorted by start; a range ending mid-breach leaves the last firing open", () => {
    // Six hours and 15 minutes: the seventh hour's breach starts at 6 h 7 min and is still on at the end.
    const length = SIX_HOURS + 15;
    const a = minutes(sine(length), { ...LABELS, queue: "a" });
    // Shifted by half an hour (phase +30 min): breaches at minutes 37 … 53 of each hour, none in the last 15 minutes.
    const b = minutes(sine(length, 30), { ...LABELS, queue: "b" });
    const quiet = minutes(Array.from({ length }, () => 100), { ...LABELS, queue: "quiet" });
    const result = backtestSeries(rule({ threshold: 130 }), [a, b, quiet], length * MIN);
    expect(result.entities).toBe(3);
    expect(result.firingEntities).toBe(2);
    const expected = [
      ...hours.flatMap((h) => [
        ["a", h * HOUR + 7 * MIN, h * HOUR + 24 * MIN],
        ["b", h * HOUR + 37 * MIN, h * HOUR + 54 * MIN],
      ]),
      ["a", 6 * HOUR + 7 * MIN, null],
    ];
    expect(result.firings.map((f) => [f.labels.queue, f.startsAt, f.endsAt])).toEqual(expected);
    expect(result.firings.at(-1)?.durationMs).toBe(8 * MIN);
    expect(result.totalFiringMs).toBe(12 * 17 * MIN + 8 * MIN);
  });

  it("a step series with a hole: crossings and the gap's effect, by policy", () => {
    // 10 for 20 min, 200 for 20 min with no data in minutes 25 … 29, then 10 for 20 min.
    const values = [...Array<number>(20).fill(10), ...Array<number>(20).fill(200), ...Array<number>(20).fill(10)].map((v, m) => (m >= 25 && m < 30 ? null : v));
    const run = (noData: "ok" | "keep" | "alert") => backtestSeries(rule({ noData, for: "2m" }), [minutes(values)], 60 * MIN).firings.map((f) => [f.startsAt / MIN, (f.endsAt ?? 0) / MIN]);
    expect(run("ok")).toEqual([[22, 25], [32, 40]]); // the gap resolves it; the breach after it needs `for` again
    expect(run("keep")).toEqual([[22, 40]]);
    // firing → nodata (still notifying) → a breach after no data starts a new run: pending for `for`, so it resolves at 30.
    expect(run("alert")).toEqual([[22, 30], [32, 40]]);
  });
});

describe("backtestRequestSchema", () => {
  it("takes a rule as the editor sends it and a known range", () => {
    const parsed = backtestRequestSchema.safeParse({ rule: { name: "Deep", metric: "rabbitmq_queue_messages", op: ">", threshold: 1 }, range: "7d" });
    expect(parsed.success).toBe(true);
    expect(backtestRequestSchema.safeParse({ rule: { name: "Deep", metric: "nope", op: ">", threshold: 1 }, range: "7d" }).success).toBe(false);
    expect(backtestRequestSchema.safeParse({ rule: { name: "Deep", metric: "rabbitmq_queue_messages", op: ">", threshold: 1 }, range: "2d" }).success).toBe(false);
  });
});
