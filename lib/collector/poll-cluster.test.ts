import { describe, expect, it } from "vitest";
import type { ClusterPoller, CollectedPoll, DeadLetterPass, PollFindings } from "@/lib/brokers/types";
import type { MetricSample } from "@/lib/store/metric-sample";
import type { PollSink } from "@/lib/store/poll-sink";
import type { PollOutcome } from "@/lib/store/record-poll";
import { CLUSTER_UP_METRIC, pollCluster } from "./poll-cluster";

/**
 * A small fake broker kind: its "broker" is a list of answers (a depth, or an error), and its
 * derived state is the previous depth (a rate per poll), as a real kind's trackers are.
 */
class FakePoller implements ClusterPoller {
  previousDepth: number | null = null;
  derivedAt: number[] = [];
  constructor(private readonly answers: (number | Error)[]) {}

  async collectDeadLetters(): Promise<DeadLetterPass> {
    return { sources: 0, stored: 0, behind: 0 };
  }

  async collect(): Promise<CollectedPoll> {
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error("the fake broker has no more answers");
    if (answer instanceof Error) throw new Error("fake broker unreachable", { cause: answer });
    return {
      counts: [{ noun: "fake queue", count: 1 }],
      brokerRequests: 2,
      derive: (polledAt): PollFindings => {
        const samples: MetricSample[] = [{ metric: "fake_depth", labels: { queue: "q" }, value: answer }];
        if (this.previousDepth !== null) samples.push({ metric: "fake_depth_change", labels: { queue: "q" }, value: answer - this.previousDepth });
        this.previousDepth = answer;
        this.derivedAt.push(polledAt);
        return { samples, writeSnapshot: async () => undefined };
      },
    };
  }

  async restore(): Promise<void> {}

  async close(): Promise<void> {}
}

/** A sink that keeps what it is given; `failRecord` makes the next write fail (e.g. the database went away). */
class MemorySink implements PollSink {
  prepared: { clusterId: string; polledAt: number; samples: readonly MetricSample[] }[] = [];
  recorded: PollOutcome[] = [];
  failRecord: Error | null = null;

  async prepare(clusterId: string, polledAt: number, samples: readonly MetricSample[]) {
    this.prepared.push({ clusterId, polledAt, samples });
    return samples.map((sample, i) => ({ seriesId: i + 1, ts: polledAt, value: sample.value }));
  }

  async record(outcome: PollOutcome): Promise<void> {
    const failure = this.failRecord;
    this.failRecord = null;
    if (failure) throw failure;
    this.recorded.push(outcome);
  }
}

const up = (value: 0 | 1): MetricSample => ({ metric: CLUSTER_UP_METRIC, labels: {}, value });

describe("pollCluster with a fake kind", () => {
  it("up: derives once at the poll's time, writes samples (cluster up 1 included) and snapshot in one record, reports the uniform output", async () => {
    const poller = new FakePoller([5]);
    const sink = new MemorySink();
    const before = Date.now();
    const report = await pollCluster("fake-1", poller, sink);

    expect(report).toMatchObject({ clusterId: "fake-1", ok: true, error: null, brokerRequests: 2, counts: [{ noun: "fake queue", count: 1 }] });
    expect(report.samples).toEqual([{ metric: "fake_depth", labels: { queue: "q" }, value: 5 }, up(1)]);
    expect(report.polledAt).toBeGreaterThanOrEqual(before);
    expect(poller.derivedAt).toEqual([report.polledAt]);
    expect(sink.prepared).toEqual([{ clusterId: "fake-1", polledAt: report.polledAt, samples: report.samples }]);
    expect(sink.recorded).toHaveLength(1);
    const [outcome] = sink.recorded;
    if (outcome?.error !== null) throw new Error("expected a successful outcome");
    expect(outcome.samples).toEqual([{ seriesId: 1, ts: report.polledAt, value: 5 }, { seriesId: 2, ts: report.polledAt, value: 1 }]);
    expect(outcome.startedAt.getTime() + outcome.durationMs).toBe(report.polledAt);
  });

  it("down: records the error with its cause, derives nothing, writes only cluster up 0 in the same record, and the next poll is up again", async () => {
    const poller = new FakePoller([new Error("connect ECONNREFUSED 127.0.0.1:1"), 7]);
    const sink = new MemorySink();
    const down = await pollCluster("fake-2", poller, sink);

    expect(down).toMatchObject({ ok: false, error: "fake broker unreachable ← caused by connect ECONNREFUSED 127.0.0.1:1", counts: [], brokerRequests: 0, samples: [up(0)] });
    expect(poller.derivedAt).toEqual([]);
    expect(sink.prepared).toEqual([{ clusterId: "fake-2", polledAt: down.polledAt, samples: [up(0)] }]);
    expect(sink.recorded).toEqual([{ clusterId: "fake-2", startedAt: expect.any(Date), durationMs: down.durationMs, error: down.error, samples: [{ seriesId: 1, ts: down.polledAt, value: 0 }] }]);

    const again = await pollCluster("fake-2", poller, sink);
    expect(again.ok).toBe(true);
    expect(again.samples.map((s) => s.metric)).toEqual(["fake_depth", CLUSTER_UP_METRIC]);
  });

  it("write failure: rejects with the store's error (the collector logs it), and the kind's state goes on from that poll", async () => {
    const poller = new FakePoller([3, 10]);
    const sink = new MemorySink();
    sink.failRecord = new Error("the database is not answering");
    await expect(pollCluster("fake-3", poller, sink)).rejects.toThrow("the database is not answering");
    expect(sink.recorded).toEqual([]);

    const next = await pollCluster("fake-3", poller, sink);
    expect(next.ok).toBe(true);
    // The failed poll was derived: the change is measured from it, as the kind's trackers do.
    expect(next.samples).toContainEqual({ metric: "fake_depth_change", labels: { queue: "q" }, value: 7 });
    expect(sink.recorded).toHaveLength(1);
  });
});
