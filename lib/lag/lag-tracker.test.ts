import { describe, expect, it } from "vitest";
import type { ConsumerGroupSnapshot } from "./types";
import { LagTracker } from "./lag-tracker";

const group = (committedOffset: number | null, endOffset: number, members = 1): ConsumerGroupSnapshot => ({
  groupId: "g",
  state: members > 0 ? "Stable" : "Empty",
  protocol: "range",
  groupProtocol: "classic",
  members: Array.from({ length: members }, (_, i) => ({ memberId: `m${i}`, clientId: "c", host: "h", assignment: [] })),
  partitions: [{ topic: "t", partition: 0, committedOffset, endOffset, lag: committedOffset === null ? null : Math.max(0, endOffset - committedOffset) }],
});

const opts = { historyMs: 3600_000, exactHistoryMs: 300_000, historyResolution: 20, windowSize: 5, minObservations: 3, rateSpanMs: 60_000 };

describe("LagTracker", () => {
  it("caught up: 0 s and OK whatever the producer does", () => {
    const tracker = new LagTracker(opts);
    for (let i = 0; i < 5; i += 1) {
      const [insight] = tracker.observe(i * 10_000, [group(i * 100, i * 100)]);
      expect(insight?.lagSeconds).toBe(0);
      expect(insight?.status).toBe("OK");
      expect(insight?.catchUpSeconds).toBe(0);
    }
  });

  it("behind an idle producer: lag seconds grow with wall time; stuck with members → STALL", () => {
    const tracker = new LagTracker(opts);
    tracker.observe(0, [group(0, 0)]);
    tracker.observe(10_000, [group(0, 50)]); // 50 messages produced in (0, 10 s]
    const later = tracker.observe(70_000, [group(0, 50)]); // idle since; consumer stuck at 0
    expect(later[0]?.lagSeconds).toBeCloseTo(70 - 0.1, 5); // message 0, first of the 50 → at 0.1 s (middle of its 0.2 s)
    const evenLater = tracker.observe(130_000, [group(0, 50)]);
    expect(evenLater[0]?.lagSeconds).toBeCloseTo(130 - 0.1, 5);
    // Its only commit was at lag 0, and 4 polls have seen it unmoved with members present.
    const stuck = tracker.observe(150_000, [group(0, 50)]);
    expect(stuck[0]?.partitions[0]?.status).toBe("STALL");
    expect(stuck[0]?.status).toBe("ERR");
    expect(stuck[0]?.catchUpSeconds).toBeNull();
  });

  it("catching up: estimates the time to zero from the rates", () => {
    const tracker = new LagTracker(opts);
    tracker.observe(0, [group(0, 1000)]);
    const [insight] = tracker.observe(10_000, [group(300, 1100)]); // consume 30/s, produce 10/s, lag 800
    expect(insight?.consumeRate).toBe(30);
    expect(insight?.produceRate).toBe(10);
    expect(insight?.catchUpSeconds).toBe(40);
  });

  it("after a rewind: the age of the rewound-to message, and REWIND status", () => {
    const tracker = new LagTracker(opts);
    tracker.observe(0, [group(0, 0)]);
    tracker.observe(10_000, [group(10, 10)]); // messages 0..9 arrived in (0, 10 s]
    tracker.observe(600_000, [group(10, 10)]);
    const [insight] = tracker.observe(610_000, [group(0, 10)]); // rewound to offset 0
    expect(insight?.lagSeconds).toBeCloseTo(609.5, 5); // message 0 of 10 in (0, 10 s]: at 0.5 s
    expect(insight?.lagSecondsExact).toBe(true);
    expect(insight?.partitions[0]?.status).toBe("REWIND");
    expect(insight?.status).toBe("WARN");
  });

  it("keeps an idle partition's history small", () => {
    const tracker = new LagTracker(opts);
    for (let i = 0; i < 100; i += 1) tracker.observe(i * 1000, [group(5, 10)]);
    const [insight] = tracker.observe(100_000, [group(5, 10)]);
    // 101 polls of an unchanged end offset keep the plateau's first and last point only.
    expect(tracker.historyPoints("t", 0)).toBe(2);
    expect(insight?.lagSeconds).toBe(100); // offset 5 predates the first point: lower bound since t = 0
    expect(insight?.lagSecondsExact).toBe(false);
  });
});

describe("LagTracker keeps every partition's end-offset history", () => {
  const topic = (endOffset: number) => ({
    name: "t", internal: false, replicationFactor: 1, underReplicatedPartitions: 0, offlinePartitions: 0,
    partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1], endOffset }],
  });

  // Issue 9 item 3: a group first seen after its messages were produced got "≥ 16 s" where the truth was 62 s.
  it("gives the exact age to a group first seen after its messages were produced", () => {
    const tracker = new LagTracker(opts);
    // One message a second from t = 0 (message n produced at n s); polls every 5 s; no group yet.
    for (let t = 0; t <= 75; t += 5) {
      tracker.observe(t * 1000, []);
      tracker.observeTopics(t * 1000, [topic(t)]);
    }
    const [first] = tracker.observe(80_000, [group(30, 80, 0)]); // committed at the message produced at 30 s
    expect(first?.lagSecondsExact).toBe(true);
    expect(first?.lagSeconds).toBeCloseTo(80 - 30.5, 5); // message 30, the 31st: produced in (30 s, 31 s]
  });

  it("keeps a partition busy for six hours in a bounded history, still exact for steady production", () => {
    const tracker = new LagTracker({ ...opts, historyMs: 6 * 3600_000 });
    const seconds = 6 * 3600;
    for (let t = 0; t <= seconds; t += 10) tracker.observeTopics(t * 1000, [topic(t)]);
    expect(tracker.historyPoints("t", 0)).toBeLessThan(200); // of 2,161 polls: ~140 after a thinning pass, + up to 32 before the next
    const [insight] = tracker.observe((seconds + 10) * 1000, [group(3600, seconds + 10, 1)]);
    expect(insight?.lagSecondsExact).toBe(true);
    expect(insight?.lagSeconds).toBeCloseTo(seconds + 10 - 3600.5, 0);
  });
});

describe("LagTracker status at commits", () => {
  // Issue 9 item 5: judged per poll, this consumer went WARN → OK → ERR.
  it("keeps a consumer slower than its producer WARN at every poll once judged", () => {
    const tracker = new LagTracker({ ...opts, windowSize: 10 });
    const statuses: string[] = [];
    for (let t = 0; t <= 60; t += 2) {
      const committed = Math.floor(t / 3) * 3 * 9; // 9/s, committed every 3 s
      statuses.push(tracker.observe(t * 1000, [group(committed, 60 + t * 20)])[0]?.status ?? "?");
    }
    const judged = statuses.slice(statuses.indexOf("WARN"));
    expect(statuses.indexOf("WARN")).toBeLessThan(6);
    expect(judged.every((s) => s === "WARN")).toBe(true);
  });

  it("does not stop a group that commits without members (Flink, Spark) between its commits", () => {
    const tracker = new LagTracker(opts);
    const statuses: string[] = [];
    for (let t = 0; t <= 40; t += 2) {
      const committed = Math.floor(t / 6) * 6 * 9; // commits every 6 s, never a member
      statuses.push(tracker.observe(t * 1000, [group(committed, 60 + t * 20, 0)])[0]?.partitions[0]?.status ?? "?");
    }
    expect(statuses.slice(8).filter((s) => s === "STOP")).toEqual([]);
    const stuck = [42, 44, 46, 48, 50, 52, 54].map((t) => tracker.observe(t * 1000, [group(324, 60 + t * 20, 0)])[0]?.partitions[0]?.status);
    expect(stuck[stuck.length - 1]).toBe("STOP");
  });

  it("stops a group at the first poll after its last member left while lag grows", () => {
    const tracker = new LagTracker(opts);
    tracker.observe(0, [group(100, 100, 1)]);
    tracker.observe(2000, [group(140, 140, 1)]);
    const [left] = tracker.observe(4000, [group(140, 180, 0)]);
    expect(left?.partitions[0]?.status).toBe("STOP");
    expect(left?.status).toBe("ERR");
  });
});

describe("LagTracker memory follows the live groups", () => {
  it("drops the status window of a group that is gone and starts afresh if it returns", () => {
    const tracker = new LagTracker(opts);
    const other = { ...group(0, 0), groupId: "other" };
    for (let i = 0; i < 3; i += 1) tracker.observe(i * 1000, [group(i, 10), other]);
    expect(tracker.trackedPartitions).toBe(2);
    tracker.observe(3000, [other]);
    expect(tracker.trackedPartitions).toBe(1);
    // Back with no window: too few observations for a status yet.
    const [back] = tracker.observe(4000, [group(4, 10), other]);
    expect(back?.partitions[0]?.status).toBe("UNKNOWN");
  });
});

describe("LagTracker.observeTopics", () => {
  const topic = (ends: (number | null)[]) => ({
    name: "t", internal: false, replicationFactor: 1, underReplicatedPartitions: 0, offlinePartitions: 0,
    partitions: ends.map((endOffset, partition) => ({ partition, leader: 1, replicas: [1], isr: [1], endOffset })),
  });

  it("gives messages/s per partition and per topic from end-offset deltas, none on the first poll", () => {
    const tracker = new LagTracker(opts);
    const first = tracker.observeTopics(0, [topic([10, 20])]).get("t");
    expect(first?.perSecond).toBeNull();
    expect([...(first?.partitions ?? new Map())]).toEqual([[0, null], [1, null]]);
    const second = tracker.observeTopics(10_000, [topic([30, 25])]).get("t");
    expect(second?.perSecond).toBe(2.5);
    expect([...(second?.partitions ?? new Map())]).toEqual([[0, 2], [1, 0.5]]);
  });

  it("has no topic rate while a partition's end offset is unknown, but keeps the others'", () => {
    const tracker = new LagTracker(opts);
    tracker.observeTopics(0, [topic([10, 20])]);
    const rates = tracker.observeTopics(10_000, [topic([20, null])]).get("t");
    expect(rates?.perSecond).toBeNull();
    expect([...(rates?.partitions ?? new Map())]).toEqual([[0, 1], [1, null]]);
  });
});
