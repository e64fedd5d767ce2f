// What the collector says about a cluster's polls, decided purely from the polls and `now`:
// every poll at debug, a state change at once (down at warn, up again at info), and one
// summary line per cluster per minute (info; warn while the cluster is down).
import type { PollCount } from "@/lib/brokers/types";
import { formatDuration } from "@/lib/client/format";
import type { LogLevel } from "./logger";

export const SUMMARY_EVERY_MS = 60_000;

export interface PollOutcome {
  ok: boolean;
  durationMs: number;
  error: string | null;
  /** what the poll saw, e.g. 3 consumer groups (empty for a failed poll) */
  counts: readonly PollCount[];
}

export interface PollLogState {
  /** start of the current summary window; null before the first poll */
  windowStart: number | null;
  okPolls: number;
  failedPolls: number;
  last: PollOutcome | null;
  /** the current failure streak; null while up */
  down: { since: number; failures: number; error: string } | null;
}

export interface LogEntry {
  level: LogLevel;
  message: string;
}

export const INITIAL_POLL_LOG_STATE: PollLogState = { windowStart: null, okPolls: 0, failedPolls: 0, last: null, down: null };

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function describeFindings(outcome: PollOutcome): string {
  const parts = outcome.counts.map((c) => plural(c.count, c.noun));
  return parts.length > 0 ? `: ${parts.join(", ")}` : "";
}

const seconds = (ms: number): string => formatDuration(ms / 1000);

/** Pure: the log entries for one poll of `clusterId` and the state to keep for the next one. */
export function observePoll(state: PollLogState, clusterId: string, outcome: PollOutcome, now: number, summaryEveryMs = SUMMARY_EVERY_MS): { state: PollLogState; entries: LogEntry[] } {
  const tag = `[${clusterId}]`;
  const entries: LogEntry[] = [];
  let down = state.down;
  if (outcome.ok) {
    entries.push({ level: "debug", message: `${tag} poll ok in ${outcome.durationMs} ms${describeFindings(outcome)}` });
    if (down) {
      entries.push({ level: "info", message: `${tag} up again after ${plural(down.failures, "failed poll")} (down for ${seconds(now - down.since)})${describeFindings(outcome)}` });
      down = null;
    } else if (state.last === null) {
      entries.push({ level: "info", message: `${tag} up: first poll ok in ${outcome.durationMs} ms${describeFindings(outcome)}` });
    }
  } else {
    const error = outcome.error ?? "unknown error";
    entries.push({ level: "debug", message: `${tag} poll failed after ${outcome.durationMs} ms: ${error}` });
    if (!down) {
      entries.push({ level: "warn", message: `${tag} down: ${error}` });
      down = { since: now, failures: 1, error };
    } else {
      if (error !== down.error) entries.push({ level: "warn", message: `${tag} still down, now: ${error}` });
      down = { since: down.since, failures: down.failures + 1, error };
    }
  }

  const windowStart = state.windowStart ?? now;
  const okPolls = state.okPolls + (outcome.ok ? 1 : 0);
  const failedPolls = state.failedPolls + (outcome.ok ? 0 : 1);
  const next: PollLogState = { windowStart, okPolls, failedPolls, last: outcome, down };
  if (now - windowStart < summaryEveryMs) return { state: next, entries };

  const counts = `last ${seconds(now - windowStart)}: ${plural(okPolls, "poll")} ok, ${failedPolls} failed`;
  entries.push(down
    ? { level: "warn", message: `${tag} ${counts}; down for ${seconds(now - down.since)}: ${down.error}` }
    : { level: "info", message: `${tag} ${counts}; last poll ${outcome.durationMs} ms${describeFindings(outcome)}` });
  return { state: { ...next, windowStart: now, okPolls: 0, failedPolls: 0 }, entries };
}
