// How long each alert was pending, firing, without data or in error, from its state changes. Pure and
// client-safe: the history page draws one band per alert from these spans.
import type { AlertTransitionDto } from "@/lib/alerts/alert-dto";

/** The states a band shows; "inactive" (OK) is the gap between spans. */
export const SPAN_STATES = ["firing", "error", "nodata", "pending"] as const;
export type SpanState = (typeof SPAN_STATES)[number];

const isSpanState = (state: string): state is SpanState => (SPAN_STATES as readonly string[]).includes(state);

export interface AlertSpan {
  state: SpanState;
  startMs: number;
  endMs: number;
  /** it began before the window (or before the oldest change known): the start is the window's */
  clippedStart: boolean;
  /** still in this state at the window's end */
  ongoing: boolean;
}

export interface AlertTimeline {
  fingerprint: string;
  ruleName: string;
  clusterId: string;
  labels: Record<string, string>;
  /** oldest first, inside the window */
  spans: AlertSpan[];
  /** milliseconds in each state inside the window */
  totals: Record<SpanState, number>;
  /** the newest change of this alert */
  lastChangeMs: number;
}

/**
 * One timeline per alert (fingerprint), the most recently changed first. A state lasts from the change
 * into it until the next change; the newest state runs until `toMs`; a first change *from* a state means
 * that state began earlier than anything known (e.g. beyond the history's limit), so it starts at `fromMs`.
 * Spans are clipped to [fromMs, toMs]; empty ones are dropped.
 */
export function computeAlertSpans(transitions: readonly AlertTransitionDto[], fromMs: number, toMs: number): AlertTimeline[] {
  const byAlert = new Map<string, { at: number; index: number; transition: AlertTransitionDto }[]>();
  transitions.forEach((transition, index) => {
    const at = Date.parse(transition.at);
    if (Number.isNaN(at)) return;
    const list = byAlert.get(transition.fingerprint) ?? [];
    list.push({ at, index, transition });
    byAlert.set(transition.fingerprint, list);
  });

  const timelines: AlertTimeline[] = [];
  for (const [fingerprint, list] of byAlert) {
    // oldest first; the API lists newest first, so at equal times the later index is the older change
    list.sort((a, b) => a.at - b.at || b.index - a.index);
    const raw: AlertSpan[] = [];
    const first = list[0];
    if (first && isSpanState(first.transition.from)) raw.push({ state: first.transition.from, startMs: -Infinity, endMs: first.at, clippedStart: true, ongoing: false });
    list.forEach(({ at, transition }, i) => {
      if (!isSpanState(transition.to)) return;
      const next = list[i + 1];
      raw.push({ state: transition.to, startMs: at, endMs: next ? next.at : Infinity, clippedStart: false, ongoing: next === undefined });
    });
    const spans = raw.flatMap((span): AlertSpan[] => {
      const startMs = Math.max(span.startMs, fromMs);
      const endMs = Math.min(span.endMs, toMs);
      if (endMs <= startMs) return [];
      return [{ ...span, startMs, endMs, clippedStart: span.clippedStart || span.startMs < fromMs, ongoing: span.ongoing || span.endMs > toMs }];
    });
    const totals: Record<SpanState, number> = { firing: 0, error: 0, nodata: 0, pending: 0 };
    for (const span of spans) totals[span.state] += span.endMs - span.startMs;
    const newest = list[list.length - 1];
    if (!newest) continue;
    timelines.push({ fingerprint, ruleName: newest.transition.ruleName, clusterId: newest.transition.clusterId, labels: newest.transition.labels, spans, totals, lastChangeMs: newest.at });
  }
  return timelines.sort((a, b) => b.lastChangeMs - a.lastChangeMs || a.ruleName.localeCompare(b.ruleName) || a.fingerprint.localeCompare(b.fingerprint));
}

/** Where a span sits on a band over [fromMs, toMs], as percentages of its width. */
export function spanPlacement(span: Pick<AlertSpan, "startMs" | "endMs">, fromMs: number, toMs: number): { leftPct: number; widthPct: number } {
  const total = toMs - fromMs;
  if (!(total > 0)) return { leftPct: 0, widthPct: 0 };
  const clamp = (ms: number) => Math.min(Math.max(ms, fromMs), toMs);
  const start = clamp(span.startMs);
  const end = Math.max(clamp(span.endMs), start);
  return { leftPct: ((start - fromMs) / total) * 100, widthPct: ((end - start) / total) * 100 };
}

/**
 * The shortest of `ranges` (shortest first) that shows every change since `oldestMs`, with a little room on
 * the left; the longest when none does. The history opens on it, so recent changes are not slivers on a 7-day band.
 */
export function rangeCovering<T extends readonly [{ ms: number }, ...{ ms: number }[]]>(ranges: T, oldestMs: number, nowMs: number): T[number] {
  const needed = (nowMs - oldestMs) * 1.1;
  return ranges.find((range) => range.ms >= needed) ?? ranges[ranges.length - 1] ?? ranges[0];
}
