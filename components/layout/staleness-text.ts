// The words of the stale-data banner. Pure: the cluster's poll times, `now` and the page's time formatter in.
import type { ClusterDto } from "@/lib/api/types";
import { formatDuration } from "@/lib/client/format";

export type StalenessFacts = Pick<ClusterDto, "status" | "stale" | "lastPolledAt" | "lastSuccessAt" | "downSince" | "lastError">;

export interface StalenessText {
  headline: string;
  /** the broker's or collector's error, as text */
  error: string | null;
  /** what the reader can do about it */
  hint: string | null;
}

const age = (iso: string, nowMs: number) => formatDuration(Math.max(0, (nowMs - Date.parse(iso)) / 1000));

function figuresFrom(lastSuccessAt: string | null, nowMs: number, formatTime: (ms: number) => string): string {
  return lastSuccessAt === null ? "no figures yet: never polled successfully" : `figures from ${formatTime(Date.parse(lastSuccessAt))}, ${age(lastSuccessAt, nowMs)} old`;
}

/** "Down since 16:00:49 (for 3 min) — figures from 16:00:39, 3 min 10 s old"; null when the figures are current. */
export function describeStaleness(facts: StalenessFacts, nowMs: number, formatTime: (ms: number) => string): StalenessText | null {
  if (!facts.stale) return null;
  if (facts.lastPolledAt === null) {
    return { headline: "Never polled — no figures for this cluster yet", error: null, hint: "Is the collector running (npm run collector)? The first poll stores the first figures." };
  }
  if (facts.status === "down") {
    const since = facts.downSince ?? facts.lastPolledAt;
    return {
      headline: `Down since ${formatTime(Date.parse(since))} (for ${age(since, nowMs)}) — ${figuresFrom(facts.lastSuccessAt, nowMs, formatTime)}`,
      error: facts.lastError,
      hint: "The figures below are the last ones known, not current.",
    };
  }
  return {
    headline: `No poll since ${formatTime(Date.parse(facts.lastPolledAt))} (for ${age(facts.lastPolledAt, nowMs)}) — ${figuresFrom(facts.lastSuccessAt, nowMs, formatTime)}`,
    error: null,
    hint: "Is the collector running? The figures below are not current.",
  };
}
