import { describe, expect, it } from "vitest";
import { evaluateGroupStatus, evaluatePartitionStatus, type CommitPoint, type PartitionStatus, type StatusWindow } from "./evaluate-status";

/** Commit points from [seconds, committed, end at that poll, end at the poll before (null: unknown)]. */
const commits = (...points: [number, number, number, number | null][]): CommitPoint[] =>
  points.map(([s, committedOffset, endOffset, previousEndOffset]) => ({ ts: s * 1000, committedOffset, endOffset, previousEndOffset }));
const window = (points: CommitPoint[], pollsSinceCommit = 0, commitsWithoutMembers = false): StatusWindow => ({ commits: points, pollsSinceCommit, commitsWithoutMembers });
/** This poll: [seconds, committed, end]. */
const at = (s: number, committedOffset: number | null, endOffset: number) => ({ ts: s * 1000, committedOffset, endOffset });

// A consumer at 9/s behind a producer at 20/s, committing every 3 s, polled every 2 s: the lag
// at each commit grows by 33 while each reading is late by up to one poll (40 messages).
const slower = commits([0, 0, 60, 20], [4, 36, 140, 100], [6, 54, 180, 140], [10, 90, 260, 220], [12, 108, 300, 260]);
// The same consumer keeping pace (20/s), read at varying delays after its commits.
const keepingPace = commits([0, 0, 100, 60], [4, 60, 180, 140], [6, 120, 200, 160], [10, 180, 290, 250], [12, 240, 320, 280]);

describe("evaluatePartitionStatus", () => {
  it.each<{ name: string; window: StatusWindow; now: ReturnType<typeof at>; hasMembers?: boolean; status: PartitionStatus }>([
    { name: "caught up now", window: window(commits([0, 10, 10, 5])), now: at(2, 10, 10), status: "OK" },
    { name: "caught up on an idle topic, no commits for ages, no members: no false STOP", window: window(commits([0, 50, 50, 50]), 100), now: at(1000, 50, 50), hasMembers: false, status: "OK" },
    { name: "consumer slower than producer, at a commit", window: window(slower), now: at(12, 108, 300), status: "WARN" },
    { name: "consumer slower than producer, between commits", window: window(slower, 1), now: at(14, 108, 340), status: "WARN" },
    { name: "keeping pace, lag read at varying delays: not WARN", window: window(keepingPace), now: at(12, 240, 320), status: "OK" },
    { name: "lag may have been zero at a commit in the window", window: window(commits([0, 10, 15, 8], [4, 20, 40, 20], [8, 30, 70, 50])), now: at(8, 30, 70), status: "OK" },
    { name: "catching up (lag falling at commits)", window: window(commits([0, 0, 100, 90], [4, 40, 120, 110], [8, 90, 130, 125])), now: at(8, 90, 130), status: "OK" },
    { name: "two commits, growth within the reading error: not judged yet", window: window(commits([0, 0, 60, 20], [4, 36, 120, 80])), now: at(4, 36, 120), status: "UNKNOWN" },
    { name: "two commits, growth beyond the reading error", window: window(commits([0, 0, 60, 20], [4, 36, 140, 100])), now: at(4, 36, 140), status: "WARN" },
    { name: "members present, offset stuck for 3 polls, never seen moving", window: window(commits([0, 7, 10, null]), 2), now: at(20, 7, 12), status: "STALL" },
    { name: "members present, stuck longer than twice its commit interval", window: window(commits([0, 0, 60, 20], [4, 36, 120, 80]), 4), now: at(13, 36, 300), status: "STALL" },
    { name: "members present, no commit for less than twice its interval: not STALL", window: window(commits([0, 0, 60, 20], [4, 36, 120, 80]), 2), now: at(8, 36, 200), status: "OK" },
    { name: "members present, caught up at its only commit, stuck for 3 polls", window: window(commits([0, 50, 50, 40]), 2), now: at(20, 50, 60), status: "STALL" },
    { name: "sporadic topic: commits at lag 0 over an hour, 3 polls behind: not STALL", window: window(commits([0, 5, 5, 4], [1800, 6, 6, 5], [3600, 7, 7, 6]), 2), now: at(3620, 7, 8), status: "OK" },
    { name: "rewound, then stuck with members", window: window(commits([0, 100, 120, 110], [2, 20, 125, 120]), 5), now: at(20, 20, 130), status: "STALL" },
    { name: "no members and lag grew since the last commit: STOP at once", window: window(commits([0, 0, 60, 20], [4, 36, 140, 100])), now: at(6, 36, 180), hasMembers: false, status: "STOP" },
    { name: "no members, caught up before it stopped, lag grows: STOP, not OK", window: window(commits([0, 50, 50, 40])), now: at(2, 50, 60), hasMembers: false, status: "STOP" },
    { name: "no members, idle producer, offset unmoved for 3 polls", window: window(commits([0, 7, 10, null]), 2), now: at(20, 7, 10), hasMembers: false, status: "STOP" },
    { name: "no members, first sight, lag not grown yet", window: window(commits([0, 7, 10, null])), now: at(0, 7, 10), hasMembers: false, status: "UNKNOWN" },
    { name: "commits without members (Flink), lag grew between its commits: not STOP", window: window(slower, 1, true), now: at(14, 108, 340), hasMembers: false, status: "WARN" },
    { name: "commits without members (Flink), no commit for over twice its interval", window: window(slower, 5, true), now: at(24, 108, 540), hasMembers: false, status: "STOP" },
    { name: "offset went backwards", window: window(commits([0, 100, 120, 110], [2, 20, 125, 120], [4, 30, 130, 125])), now: at(4, 30, 130), status: "REWIND" },
    { name: "rewound by a group without members, seen at the rewind's poll", window: window(commits([0, 10, 10, 0], [10, 0, 15, 15])), now: at(10, 0, 15), hasMembers: false, status: "REWIND" },
    { name: "no committed offset", window: window([]), now: at(0, null, 10), status: "UNKNOWN" },
  ])("$name → $status", ({ window: w, now, hasMembers, status }) => {
    expect(evaluatePartitionStatus(w, now, { minObservations: 3, hasMembers: hasMembers ?? true })).toBe(status);
  });
});

describe("evaluateGroupStatus", () => {
  it.each<[PartitionStatus[], string]>([
    [[], "UNKNOWN"],
    [["UNKNOWN", "UNKNOWN"], "UNKNOWN"],
    [["OK", "UNKNOWN"], "OK"],
    [["OK", "WARN"], "WARN"],
    [["OK", "REWIND"], "WARN"],
    [["WARN", "STALL"], "ERR"],
    [["OK", "STOP"], "ERR"],
  ])("%j → %s", (partitions, status) => {
    expect(evaluateGroupStatus(partitions)).toBe(status);
  });
});
