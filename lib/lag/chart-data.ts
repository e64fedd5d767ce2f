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
