import { describe, expect, it } from "vitest";
import { evaluateStaleness, type ClusterPollState } from "./query-clusters";

const now = new Date("2026-12-02T16:10:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("evaluateStaleness", () => {
  const cases: { name: string; state: ClusterPollState; stale: boolean; staleReason: string | null }[] = [
    { name: "never polled", state: { status: "unknown", lastPolledAt: null, pollIntervalSeconds: 10 }, stale: true, staleReason: "never polled" },
    { name: "fresh successful poll", state: { status: "up", lastPolledAt: ago(5), pollIntervalSeconds: 10 }, stale: false, staleReason: null },
    { name: "exactly 2 intervals old is still current", state: { status: "up", lastPolledAt: ago(20), pollIntervalSeconds: 10 }, stale: false, staleReason: null },
    { name: "older than 2 intervals", state: { status: "up", lastPolledAt: ago(21), pollIntervalSeconds: 10 }, stale: true, staleReason: "no poll for 21 s" },
    { name: "collector stopped minutes ago", state: { status: "up", lastPolledAt: ago(180), pollIntervalSeconds: 10 }, stale: true, staleReason: "no poll for 3 min" },
    { name: "longer interval tolerates an older poll", state: { status: "up", lastPolledAt: ago(100), pollIntervalSeconds: 60 }, stale: false, staleReason: null },
    { name: "latest poll failed, even a fresh one", state: { status: "down", lastPolledAt: ago(1), pollIntervalSeconds: 10 }, stale: true, staleReason: "latest poll failed" },
    { name: "latest poll failed long ago", state: { status: "down", lastPolledAt: ago(600), pollIntervalSeconds: 10 }, stale: true, staleReason: "latest poll failed" },
  ];
  it.each(cases)("$name", ({ state, stale, staleReason }) => {
    expect(evaluateStaleness(state, now)).toEqual({ stale, staleReason });
  });
});
