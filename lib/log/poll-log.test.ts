import { describe, expect, it } from "vitest";
import { INITIAL_POLL_LOG_STATE, observePoll, type LogEntry, type PollLogState, type PollOutcome } from "./poll-log";

const ok = (durationMs = 40, groups: number | null = 3, queues: number | null = null): PollOutcome => ({
  ok: true, durationMs, error: null,
  counts: [...(groups === null ? [] : [{ noun: "consumer group", count: groups }]), ...(queues === null ? [] : [{ noun: "queue", count: queues }])],
});
const failed = (error = "connect ECONNREFUSED 127.0.0.1:9092", durationMs = 200): PollOutcome => ({ ok: false, durationMs, error, counts: [] });

/** Feeds polls at the given times (ms) and returns every entry, each prefixed with its time. */
function run(polls: readonly [number, PollOutcome][], summaryEveryMs = 60_000): string[] {
  let state: PollLogState = INITIAL_POLL_LOG_STATE;
  const lines: string[] = [];
  for (const [now, outcome] of polls) {
    const result = observePoll(state, "k", outcome, now, summaryEveryMs);
    state = result.state;
    lines.push(...result.entries.map((e: LogEntry) => `${now / 1000} ${e.level} ${e.message}`));
  }
  return lines;
}

const every10s = (from: number, count: number, outcome: (i: number) => PollOutcome): [number, PollOutcome][] =>
  Array.from({ length: count }, (_, i) => [from + i * 10_000, outcome(i)]);

describe("observePoll", () => {
  it.each([
    {
      name: "a healthy cluster: every poll at debug, 'up' once, then one summary a minute",
      polls: every10s(0, 7, () => ok()),
      info: ["0 info [k] up: first poll ok in 40 ms: 3 consumer groups", "60 info [k] last 1 min: 7 polls ok, 0 failed; last poll 40 ms: 3 consumer groups"],
    },
    {
      name: "RabbitMQ counts queues",
      polls: [[0, ok(12, null, 8)], [60_000, ok(15, null, 9)]] as [number, PollOutcome][],
      info: ["0 info [k] up: first poll ok in 12 ms: 8 queues", "60 info [k] last 1 min: 2 polls ok, 0 failed; last poll 15 ms: 9 queues"],
    },
    {
      name: "up → down at warn at once, repeated identical failures stay quiet, down → up at info",
      polls: [[0, ok()], [10_000, failed()], [20_000, failed()], [30_000, failed()], [40_000, ok()]] as [number, PollOutcome][],
      info: [
        "0 info [k] up: first poll ok in 40 ms: 3 consumer groups",
        "10 warn [k] down: connect ECONNREFUSED 127.0.0.1:9092",
        "40 info [k] up again after 3 failed polls (down for 30 s): 3 consumer groups",
      ],
    },
    {
      name: "a changed reason while down is news",
      polls: [[0, failed("timeout")], [10_000, failed("timeout")], [20_000, failed("401 rejected")]] as [number, PollOutcome][],
      info: ["0 warn [k] down: timeout", "20 warn [k] still down, now: 401 rejected"],
    },
    {
      name: "a cluster down for minutes: the summary is a warning with the reason",
      polls: every10s(0, 13, () => failed()),
      info: [
        "0 warn [k] down: connect ECONNREFUSED 127.0.0.1:9092",
        "60 warn [k] last 1 min: 0 polls ok, 7 failed; down for 1 min: connect ECONNREFUSED 127.0.0.1:9092",
        "120 warn [k] last 1 min: 0 polls ok, 6 failed; down for 2 min: connect ECONNREFUSED 127.0.0.1:9092",
      ],
    },
    {
      name: "slow polls (every 90 s): a summary after each",
      polls: [[0, ok()], [90_000, ok()], [180_000, ok()]] as [number, PollOutcome][],
      info: ["0 info [k] up: first poll ok in 40 ms: 3 consumer groups", "90 info [k] last 1 min 30 s: 2 polls ok, 0 failed; last poll 40 ms: 3 consumer groups", "180 info [k] last 1 min 30 s: 1 poll ok, 0 failed; last poll 40 ms: 3 consumer groups"],
    },
  ])("$name", ({ polls, info }) => {
    expect(run(polls).filter((line) => !line.includes(" debug "))).toEqual(info);
  });

  it("logs every poll at debug", () => {
    expect(run([[0, ok(41)], [5_000, failed("boom", 7)]]).filter((line) => line.includes(" debug "))).toEqual([
      "0 debug [k] poll ok in 41 ms: 3 consumer groups",
      "5 debug [k] poll failed after 7 ms: boom",
    ]);
  });

  it("counts ok and failed polls per window", () => {
    const lines = run([[0, ok()], [20_000, failed()], [40_000, ok()], [60_000, ok()]]);
    expect(lines.at(-1)).toBe("60 info [k] last 1 min: 3 polls ok, 1 failed; last poll 40 ms: 3 consumer groups");
  });
});
