// What the backtest panel shows of an answer: the one-line verdict, the share of time the rule was firing,
// each firing as a row and a shaded span, and the top entities' chart rows. Pure and client-safe.
import type { ComparisonOp } from "@/lib/alerts/rule-schema";
import type { TimePoint } from "@/lib/store/buckets";
import { mergeSeriesPoints, type ChartSpans, type ChartThreshold, type ChartUnit, type MultiChartRow, type TimeSpan } from "./chart-data";
import { formatDuration } from "./format";

/** A firing as the API sends it (ISO times). */
export interface FiringDto {
  labels: Record<string, string>;
  startsAt: string;
  endsAt: string | null;
  durationMs: number;
  peak: number | null;
}

/** When a rule fired; `endMs` is the end of the range when still firing. */
export type FiringSpan = TimeSpan;

/** The union of spans (overlaps merged), in time order. */
export function mergeSpans(spans: readonly FiringSpan[]): FiringSpan[] {
  const sorted = [...spans].filter((s) => s.endMs > s.startMs).sort((a, b) => a.startMs - b.startMs);
  const out: FiringSpan[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.startMs <= last.endMs) last.endMs = Math.max(last.endMs, span.endMs);
    else out.push({ ...span });
  }
  return out;
}

export function spanOf(firing: Pick<FiringDto, "startsAt" | "endsAt">, toMs: number): FiringSpan {
  return { startMs: Date.parse(firing.startsAt), endMs: firing.endsAt === null ? toMs : Date.parse(firing.endsAt) };
}

export interface BacktestVerdict {
  firings: number;
  firingEntities: number;
  entities: number;
  /** share (0–1) of the range during which at least one alert of the rule was firing */
  firingShare: number;
  /** true when only some firings were listed, so the share is a lower bound */
  shareIsLowerBound: boolean;
  /** firings beyond the listed ones */
  unlisted: number;
}

export function backtestVerdict(answer: { from: string; to: string; result: { firings: readonly FiringDto[]; firingCount: number; entities: number; firingEntities: number } }): BacktestVerdict {
  const fromMs = Date.parse(answer.from);
  const toMs = Date.parse(answer.to);
  const covered = mergeSpans(answer.result.firings.map((f) => spanOf(f, toMs))).reduce((sum, s) => sum + (Math.min(s.endMs, toMs) - Math.max(s.startMs, fromMs)), 0);
  const rangeMs = Math.max(1, toMs - fromMs);
  return {
    firings: answer.result.firingCount,
    firingEntities: answer.result.firingEntities,
    entities: answer.result.entities,
    firingShare: Math.min(1, Math.max(0, covered / rangeMs)),
    shareIsLowerBound: answer.result.firings.length < answer.result.firingCount,
    unlisted: answer.result.firingCount - answer.result.firings.length,
  };
}

const RANGE_WORDS: Record<string, string> = { "1d": "day", "7d": "7 days", "30d": "30 days" };

/** "1.5 %", "< 0.1 %", "0 %", "100 %". */
export function formatFiringShare(share: number): string {
  if (share === 0) return "0 %";
  if (share < 0.001) return "< 0.1 %";
  if (share >= 1) return "100 %";
  return `${share < 0.1 ? (share * 100).toFixed(1) : Math.round(share * 100)} %`;
}

/** "would have fired 3 times for 2 of 14 entities in the last 7 days, firing 12 % of the time". */
export function verdictText(verdict: BacktestVerdict, range: string): string {
  const last = `in the last ${RANGE_WORDS[range] ?? range}`;
  const of = `${verdict.entities} ${verdict.entities === 1 ? "entity" : "entities"}`;
  if (verdict.entities === 0) return `No entity matches this rule ${last}: nothing to evaluate.`;
  if (verdict.firings === 0) return `Would not have fired ${last} (${of} evaluated).`;
  const times = verdict.firings === 1 ? "once" : `${verdict.firings.toLocaleString("en-US")} times`;
  const share = `${verdict.shareIsLowerBound ? "at least " : ""}${formatFiringShare(verdict.firingShare)}`;
  return `Would have fired ${times} for ${verdict.firingEntities} of ${of} ${last}, firing ${share} of the time.`;
}

/** A stable key for an entity's label set (chart series keys, React keys). */
export function entityKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
}

/**
 * The entity in a few words: its label values, cluster first, then in `order` (the metric's own label order:
 * "local-rabbitmq · / · orders"), then any others by name.
 */
export function entityLabel(labels: Readonly<Record<string, string>>, order: readonly string[] = []): string {
  const { cluster, ...rest } = labels;
  const keys = [...order.filter((k) => k in rest), ...Object.keys(rest).filter((k) => !order.includes(k)).sort()];
  return [cluster, ...keys.map((k) => rest[k])].filter((v): v is string => v !== undefined && v !== "").join(" · ") || "(no labels)";
}

export interface BacktestChart {
  rows: MultiChartRow[];
  series: { key: string; labels: Record<string, string> }[];
  /** the charted entities' firing spans, merged */
  spans: FiringSpan[];
}

/** Chart rows of the first `limit` entities (the API sorts them by time firing), and the spans they fired in. */
export function backtestChart(series: readonly { labels: Record<string, string>; points: readonly TimePoint[] }[], firings: readonly FiringDto[], toMs: number, limit: number): BacktestChart {
  const shown = series.slice(0, limit).map((s, i) => ({ key: `e${i}`, labels: s.labels, points: s.points }));
  const keys = new Set(shown.map((s) => entityKey(s.labels)));
  const spans = mergeSpans(firings.filter((f) => keys.has(entityKey(f.labels))).map((f) => spanOf(f, toMs)));
  return {
    rows: mergeSeriesPoints(Object.fromEntries(shown.map((s) => [s.key, s.points]))),
    series: shown.map(({ key, labels }) => ({ key, labels })),
    spans,
  };
}

/**
 * When stored history starts, if well inside the range (a new install, a new entity): the first known value of
 * any charted series, or null when the history covers (nearly) the whole range or there is none.
 */
export function historyStartsLate(series: readonly { points: readonly TimePoint[] }[], fromMs: number, toMs: number): number | null {
  let first = Number.POSITIVE_INFINITY;
  for (const s of series) for (const p of s.points) if (p.v !== null && p.t < first) first = p.t;
  return Number.isFinite(first) && first - fromMs > (toMs - fromMs) * 0.05 ? first : null;
}

/** The chart-data unit a metric's axis is ticked in (its own unit is what the axis is labelled with). */
export function chartUnitOf(metricUnit: string): ChartUnit {
  if (metricUnit === "seconds") return "s";
  if (metricUnit.endsWith("/s")) return "msg/s";
  if (metricUnit === "0–1") return "msg/s";
  return "messages";
}

/** Which side of the threshold breaches, for the chart's legend: "above", "at or below", … */
export function breachWords(op: ComparisonOp): string {
  switch (op) {
    case ">":
      return "above";
    case ">=":
      return "at or above";
    case "<":
      return "below";
    case "<=":
      return "at or below";
    case "==":
      return "equal to";
    case "!=":
      return "not equal to";
  }
}

const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
/** Units that read after a number ("1,200 messages"); the others (0/1, 0–1, status codes) stay bare numbers. */
const WORD_UNITS = new Set(["messages", "messages/s", "partitions", "consumers"]);

/** A metric value with its unit: "1,200 messages", "0.5 messages/s", "2 min 5 s", "1"; null is "no data". */
export function formatMetricValue(value: number | null, metricUnit: string): string {
  if (value === null) return "no data";
  if (metricUnit === "seconds") return formatDuration(value);
  return WORD_UNITS.has(metricUnit) ? `${plain.format(value)} ${metricUnit}` : plain.format(value);
}

/** The y axis's name: the metric's unit, or "value" when that is too long for an axis ("0 OK / 1 WARN / 2 ERR"). */
export function metricAxisLabel(metricUnit: string): string {
  return metricUnit.length <= 12 ? metricUnit : "value";
}

/** The rule's threshold as the backtest chart draws it: the line, its legend entry and the tooltip's rule line. */
export function backtestThreshold(threshold: number, op: ComparisonOp, metricUnit: string): ChartThreshold {
  const value = formatMetricValue(threshold, metricUnit);
  return { value: threshold, legend: `threshold: fires ${breachWords(op)} ${value}`, tooltip: `rule: ${op} ${value}` };
}

/** The charted entities' firing spans as the backtest chart shades them. */
export function backtestSpans(spans: readonly FiringSpan[]): ChartSpans {
  return { spans, legend: "would have been firing", tooltip: "firing" };
}
