import { formatCount, formatDuration, formatRate } from "@/lib/client/format";
import type { SeriesData } from "@/lib/api/time-points";
import type { TimePoint } from "@/lib/store/buckets";

/** The points of a series answer's first series (a query for one exact label set), or none yet. */
export function firstSeriesPoints(data: SeriesData | undefined): TimePoint[] {
  return data?.series[0]?.points ?? [];
}

export function countKnownPoints(points: readonly TimePoint[]): number {
  return points.filter((p) => p.v !== null).length;
}

/** A row of several series at one time: `t` plus one value (or null) per series key. */
export type MultiChartRow = { t: number } & Record<string, number | null>;

/**
 * Pure mapper for charts with several series (e.g. ready and unacked stacked): one row per
 * timestamp seen in any series, a missing or null value staying null (a gap, not a zero).
 */
export function mergeSeriesPoints(seriesByKey: Readonly<Record<string, readonly TimePoint[]>>): MultiChartRow[] {
  const keys = Object.keys(seriesByKey);
  const rows = new Map<number, MultiChartRow>();
  for (const key of keys) {
    for (const point of seriesByKey[key] ?? []) {
      const { t } = point;
      let row = rows.get(t);
      if (!row) {
        row = { t } as MultiChartRow;
        for (const k of keys) row[k] = null;
        rows.set(t, row);
      }
      row[key] = point.v;
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** Units a chart's y axis can carry; ticks and tooltips are written in them. */
export const CHART_UNITS = ["messages", "msg/s", "s"] as const;
export type ChartUnit = (typeof CHART_UNITS)[number];

/** Round duration steps for a seconds axis: 1/2/5/10/15/30 s, 1/2/5/10/15/30 min, 1/2/3/6/12 h, 1/2/7 d. */
const SECONDS_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800] as const;

/** The smallest 1/2/5 × 10^k step at least `wanted` (0.1, 0.2, 0.5, 1, 2, 5, 10, …). */
function niceDecimalStep(wanted: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(wanted));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= wanted * (1 - 1e-9));
  return step ?? 10 * magnitude;
}

/** The y-axis step: round in the unit (whole messages, 1/2/5 decimals of msg/s, clock-like durations). */
export function chooseValueStep(maxValue: number, unit: ChartUnit, maxIntervals = 4): number {
  const wanted = maxValue > 0 && Number.isFinite(maxValue) ? maxValue / maxIntervals : 0;
  if (unit === "s") return SECONDS_STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / 604800) * 604800;
  if (wanted <= 0) return 1;
  const step = niceDecimalStep(wanted);
  return unit === "messages" ? Math.max(1, step) : step;
}

/** Round y ticks from 0 up to the first tick at or above the data's maximum, e.g. 12 msg/s → 0, 5, 10, 15. */
export function computeValueTicks(maxValue: number, unit: ChartUnit, maxIntervals = 4): number[] {
  const step = chooseValueStep(maxValue, unit, maxIntervals);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const count = Math.max(1, Math.ceil(Math.max(0, maxValue) / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A y tick: "1,500", "25k", "0.5", "2 min" — as many decimals as the step has, no more. */
export function formatAxisValue(value: number, unit: ChartUnit, step: number): string {
  if (unit === "s") return formatDuration(value);
  if (value === 0) return "0";
  if (step >= 10_000) return compact.format(value).replace("K", "k");
  if (step >= 1) return integer.format(value);
  return value.toFixed(Math.max(0, -Math.floor(Math.log10(step))));
}

/** A value as a tooltip states it, with its unit: "1,234 messages", "2.50 msg/s", "1 min 5 s"; null is "no data". */
export function formatValueWithUnit(value: number | null, unit: ChartUnit): string {
  if (value === null) return "no data";
  if (unit === "s") return formatDuration(value);
  if (unit === "msg/s") return `${formatRate(value)} msg/s`;
  return `${formatCount(value)} ${value === 1 ? "message" : "messages"}`;
}

/** The largest known value over the given keys; stacked charts sum each row's values first. */
export function maxRowValue(rows: readonly MultiChartRow[], keys: readonly string[], stacked: boolean): number {
  let max = 0;
  for (const row of rows) {
    let rowValue = 0;
    for (const key of keys) {
      const v = row[key];
      if (v === null || v === undefined) continue;
      rowValue = stacked ? rowValue + v : Math.max(rowValue, v);
    }
    max = Math.max(max, rowValue);
  }
  return max;
}

/** The smallest known value over the given keys, or 0 when none is below zero. */
export function minRowValue(rows: readonly MultiChartRow[], keys: readonly string[]): number {
  let min = 0;
  for (const row of rows) {
    for (const key of keys) {
      const v = row[key];
      if (v !== null && v !== undefined) min = Math.min(min, v);
    }
  }
  return min;
}

/** Round y ticks covering the values and the threshold, below zero too (growth rates); a threshold never sits on the top edge. */
export function thresholdAxisTicks(values: readonly number[], threshold: number, unit: ChartUnit): number[] {
  const low = Math.min(0, threshold, ...values);
  const high = Math.max(0, threshold, ...values);
  const step = chooseValueStep(high - low, unit) || 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const first = Math.floor(low / step + 1e-9);
  const last = Math.max(first + 1, Math.ceil(high / step - 1e-9));
  // A threshold exactly on the top tick would sit on the chart's edge: one more step shows the line.
  const top = high === threshold && threshold > 0 && last * step === threshold ? last + 1 : last;
  return Array.from({ length: top - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
}

/**
 * A chart's y ticks: from 0 up over the rows (stacked: each row's sum), as every chart has them; with a
 * threshold, round ticks that cover it as well (and values below zero), so the line is always on screen.
 */
export function valueAxisTicks(rows: readonly MultiChartRow[], keys: readonly string[], unit: ChartUnit, stacked: boolean, threshold?: number): number[] {
  const high = maxRowValue(rows, keys, stacked);
  if (threshold === undefined) return computeValueTicks(high, unit);
  return thresholdAxisTicks([minRowValue(rows, keys), high], threshold, unit);
}

/** A stretch of time, e.g. when an alert rule was (or would have been) firing. */
export interface TimeSpan {
  startMs: number;
  endMs: number;
}

/** A horizontal line a chart's values are judged against (an alert rule's threshold). */
export interface ChartThreshold {
  value: number;
  /** the line's legend entry: "threshold: fires above 100 messages" */
  legend: string;
  /** the tooltip's last line: "rule: > 100 messages" */
  tooltip: string;
}

/** Stretches of time a chart shades (in the threshold's colour). */
export interface ChartSpans {
  spans: readonly TimeSpan[];
  /** the shading's legend entry: "would have been firing" */
  legend: string;
  /** added to the tooltip of a time inside a span: "firing" */
  tooltip: string;
}

/** The spans cut to [fromMs, toMs], those outside it left out: what a chart of that range shades. */
export function spansInRange(spans: readonly TimeSpan[], fromMs: number, toMs: number): TimeSpan[] {
  return spans.map((s) => ({ startMs: Math.max(fromMs, s.startMs), endMs: Math.min(toMs, s.endMs) })).filter((s) => s.endMs > s.startMs);
}

/** Whether `t` falls in one of the spans (a span holds its start, not its end). */
export function isInSpans(spans: readonly TimeSpan[], t: number): boolean {
  return spans.some((s) => t >= s.startMs && t < s.endMs);
}

/** The tooltip's line under the values: the threshold's words, then the spans' word at a time inside one; null when neither has any. */
export function chartTooltipNote(t: number, threshold: ChartThreshold | undefined, spans: ChartSpans | undefined): string | null {
  const parts = [threshold?.tooltip, spans && isInSpans(spans.spans, t) ? spans.tooltip : undefined].filter((p): p is string => p !== undefined && p !== "");
  return parts.length > 0 ? parts.join(" · ") : null;
}

/**
 * Rows whose value for `key` has no known neighbour: a line cannot show them, so they get a dot.
 * Dense series get no dots at all; a gap (null) stays a gap.
 */
export function isolatedPointIndices(rows: readonly MultiChartRow[], key: string): Set<number> {
  const known = (i: number) => {
    const v = rows[i]?.[key];
    return v !== null && v !== undefined;
  };
  const isolated = new Set<number>();
  for (let i = 0; i < rows.length; i++) if (known(i) && !known(i - 1) && !known(i + 1)) isolated.add(i);
  return isolated;
}

/** Chart rows of one series ({t, v}) as multi-series rows with key "v". */
export function singleSeriesRows(points: readonly TimePoint[]): MultiChartRow[] {
  return points.map((p) => ({ t: p.t, v: p.v }) as MultiChartRow);
}

/** One request's series keyed by one of their labels (e.g. every group's lag keyed by `group`), for sparklines. */
export function pointsByLabel(series: readonly { labels: Record<string, string>; points: readonly TimePoint[] }[], keyOf: (labels: Record<string, string>) => string | undefined): Map<string, readonly TimePoint[]> {
  const out = new Map<string, readonly TimePoint[]>();
  for (const s of series) {
    const key = keyOf(s.labels);
    if (key !== undefined) out.set(key, s.points);
  }
  return out;
}

/**
 * An SVG path for a sparkline over [fromMs, toMs] × [0, max]: one "M … L …" run per stretch of known
 * values, so a gap stays a gap; a lone known point becomes a short flat tick so it is still seen.
 */
export function sparklinePath(points: readonly TimePoint[], fromMs: number, toMs: number, width: number, height: number): string {
  const max = Math.max(0, ...points.map((p) => p.v ?? 0));
  const span = Math.max(1, toMs - fromMs);
  const x = (t: number) => ((t - fromMs) / span) * width;
  const y = (v: number) => (max === 0 ? height - 1 : height - 1 - (v / max) * (height - 2));
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  for (const p of points) {
    if (p.v === null || p.t < fromMs || p.t > toMs) {
      if (run.length > 0) runs.push(run);
      run = [];
      continue;
    }
    run.push([x(p.t), y(p.v)]);
  }
  if (run.length > 0) runs.push(run);
  const path = (coords: [number, number][]) => {
    const [first] = coords;
    const drawn: [number, number][] = coords.length === 1 && first ? [first, [first[0] + 2, first[1]]] : coords;
    return drawn.map(([px, py], i) => `${i === 0 ? "M" : "L"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
  };
  return runs.map(path).join(" ");
}

/** A name split after each run of separators (. - _ / : @ and spaces), so it can wrap there instead of mid-word. */
export function splitAtSeparators(name: string): string[] {
  return name.split(/(?<=[./:_\-@ ])(?![./:_\-@ ])/u).filter((part) => part.length > 0);
}
