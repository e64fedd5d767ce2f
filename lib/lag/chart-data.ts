import type { SeriesPointDto } from "@/lib/api/types";

export interface ChartPoint {
  t: number;
  v: number | null;
}

/** Pure mapper from API points to recharts rows; nulls stay null so the line breaks at gaps. */
export function toChartPoints(points: readonly SeriesPointDto[]): ChartPoint[] {
  return points.map((p) => ({ t: Date.parse(p.t), v: p.v }));
}

export function countKnownPoints(points: readonly { v: number | null }[]): number {
  return points.filter((p) => p.v !== null).length;
}

/** A row of several series at one time: `t` plus one value (or null) per series key. */
export type MultiChartRow = { t: number } & Record<string, number | null>;

/**
 * Pure mapper for charts with several series (e.g. ready and unacked stacked): one row per
 * timestamp seen in any series, a missing or null value staying null (a gap, not a zero).
 */
export function mergeSeriesPoints(seriesByKey: Readonly<Record<string, readonly SeriesPointDto[]>>): MultiChartRow[] {
  const keys = Object.keys(seriesByKey);
  const rows = new Map<number, MultiChartRow>();
  for (const key of keys) {
    for (const point of seriesByKey[key] ?? []) {
      const t = Date.parse(point.t);
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
