import { describe, expect, it } from "vitest";
import { assembleGroupSnapshot, classifyDescribedGroup, topicsOfGroup, type RawGroupDescription } from "./assemble-groups";

const ends = new Map([
  ["orders", new Map([[0, 100], [1, 50], [2, 0]])],
  ["payments", new Map([[0, 7]])],
]);

const empty: RawGroupDescription = { groupId: "g", state: "Empty", protocol: "", groupProtocol: "classic", members: [] };

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
      groupProtocol: "classic",
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

describe("classifyDescribedGroup", () => {
  const member = { memberId: "m", clientId: "c", host: "h", assignment: [] };
  it.each([
    { name: "KIP-848 group (classic describe sees it Dead, no type)", listed: "consumer", state: "Dead", type: "", members: [], expected: { state: "Unknown", groupProtocol: "consumer" } },
    { name: "classic stable group", listed: "consumer", state: "Stable", type: "consumer", members: [member], expected: { state: "Stable", groupProtocol: "classic" } },
    { name: "offsets-only group (listed without type)", listed: "", state: "Empty", type: "", members: [], expected: { state: "Empty", groupProtocol: "classic" } },
    { name: "a classic group that is really Dead (listed without type)", listed: "", state: "Dead", type: "", members: [], expected: { state: "Dead", groupProtocol: "classic" } },
  ])("$name", ({ listed, state, type, members, expected }) => {
    expect(classifyDescribedGroup(listed, { groupId: "g", state, protocol: "", protocolType: type }, members)).toMatchObject(expected);
  });
});
