// The API's JSON carries a time point's `t` as an ISO string; everywhere else it is epoch ms
// (TimePoint). These are the only two places that convert: encode when answering, decode when fetched.
import type { TimePoint } from "@/lib/store/buckets";
import type { LagSeriesDto, SeriesDto, SeriesPointDto } from "./types";

export function encodePoints(points: readonly TimePoint[]): SeriesPointDto[] {
  return points.map((p) => ({ t: new Date(p.t).toISOString(), v: p.v }));
}

export function decodePoints(points: readonly SeriesPointDto[]): TimePoint[] {
  return points.map((p) => ({ t: Date.parse(p.t), v: p.v }));
}

/** A series answer as the client holds it. */
export interface SeriesData extends Omit<SeriesDto, "series"> {
  series: { labels: Record<string, string>; points: TimePoint[] }[];
}

/** A group's lag history as the client holds it. */
export interface LagSeriesData extends Omit<LagSeriesDto, "points"> {
  points: TimePoint[];
}

export function encodeSeries(series: readonly { labels: Record<string, string>; points: readonly TimePoint[] }[]): SeriesDto["series"] {
  return series.map((s) => ({ labels: s.labels, points: encodePoints(s.points) }));
}

export function decodeSeries(dto: SeriesDto): SeriesData {
  return { ...dto, series: dto.series.map((s) => ({ labels: s.labels, points: decodePoints(s.points) })) };
}

export function decodeLagSeries(dto: LagSeriesDto): LagSeriesData {
  return { ...dto, points: decodePoints(dto.points) };
}
