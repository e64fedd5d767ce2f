import { describe, expect, it } from "vitest";
import { assembleGroupSnapshot, topicsOfGroup, type RawGroupDescription } from "./assemble-groups";

const ends = new Map([
  ["orders", new Map([[0, 100], [1, 50], [2, 0]])],
  ["payments", new Map([[0, 7]])],
]);

const empty: RawGroupDescription = { groupId: "g", state: "Empty", protocol: "", members: [] };

describe("assembleGroupSnapshot", () => {
  it("reports committed partitions of an empty group with lag = end − committed", () => {
    const snapshot = assembleGroupSnapshot(empty, [{ topic: "orders", partitions: [{ partition: 1, offset: "20" }, { partition: 0, offset: "100" }, { partition: 2, offset: "-1" }] }], ends);
    expect(snapshot.partitions).toEqual([
      { topic: "orders", partition: 0, committedOffset: 100, endOffset: 100, lag: 0 },
      { topic: "orders", partition: 1, committedOffset: 20, endOffset: 50, lag: 30 },
    ]);
  });

  it("includes assigned partitions without a commit as lag null", () => {
    const group: RawGroupDescription = {
      groupId: "g",
      state: "Stable",
      protocol: "range",
      members: [{ memberId: "m1", clientId: "c", host: "/127.0.0.1", assignment: [{ topic: "payments", partitions: [0] }] }],
    };
    const snapshot = assembleGroupSnapshot(group, [], ends);
    expect(snapshot.partitions).toEqual([{ topic: "payments", partition: 0, committedOffset: null, endOffset: 7, lag: null }]);
    expect(topicsOfGroup(group, [])).toEqual(["payments"]);
  });

  it("drops partitions whose topic has no end offset (deleted topic)", () => {
    const snapshot = assembleGroupSnapshot(empty, [{ topic: "gone", partitions: [{ partition: 0, offset: "5" }] }], ends);
    expect(snapshot.partitions).toEqual([]);
  });

  it("lists only topics with a real commit or an assignment", () => {
    expect(topicsOfGroup(empty, [
      { topic: "orders", partitions: [{ partition: 0, offset: "-1" }] },
      { topic: "payments", partitions: [{ partition: 0, offset: "3" }] },
    ])).toEqual(["payments"]);
  });
});
