import { describe, expect, it } from "vitest";
import type { ConsumerGroupSnapshot } from "@/lib/brokers/types";
import { groupLagSamples, KAFKA_METRICS } from "./lag-series";

const group = (groupId: string, partitions: ConsumerGroupSnapshot["partitions"]): ConsumerGroupSnapshot => ({ groupId, state: "Empty", protocol: "", groupProtocol: "classic", members: [], partitions });

describe("groupLagSamples", () => {
  it("emits group totals, partition lag and offsets, and end offsets once per partition", () => {
    const samples = groupLagSamples([
      group("a", [{ topic: "t", partition: 0, committedOffset: 4, endOffset: 10, lag: 6 }]),
      group("b", [{ topic: "t", partition: 0, committedOffset: 10, endOffset: 10, lag: 0 }]),
    ]);
    expect(samples).toEqual([
      { metric: KAFKA_METRICS.groupLag, labels: { group: "a" }, value: 6 },
      { metric: KAFKA_METRICS.groupMaxLag, labels: { group: "a" }, value: 6 },
      { metric: KAFKA_METRICS.partitionLag, labels: { group: "a", topic: "t", partition: "0" }, value: 6 },
      { metric: KAFKA_METRICS.committedOffset, labels: { group: "a", topic: "t", partition: "0" }, value: 4 },
      { metric: KAFKA_METRICS.groupLag, labels: { group: "b" }, value: 0 },
      { metric: KAFKA_METRICS.groupMaxLag, labels: { group: "b" }, value: 0 },
      { metric: KAFKA_METRICS.partitionLag, labels: { group: "b", topic: "t", partition: "0" }, value: 0 },
      { metric: KAFKA_METRICS.committedOffset, labels: { group: "b", topic: "t", partition: "0" }, value: 10 },
      { metric: KAFKA_METRICS.endOffset, labels: { topic: "t", partition: "0" }, value: 10 },
    ]);
  });

  it("writes nothing for unknown lag: a gap, not a zero", () => {
    const samples = groupLagSamples([group("c", [{ topic: "t", partition: 1, committedOffset: null, endOffset: 5, lag: null }])]);
    expect(samples).toEqual([{ metric: KAFKA_METRICS.endOffset, labels: { topic: "t", partition: "1" }, value: 5 }]);
  });
});
