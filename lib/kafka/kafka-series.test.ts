import { describe, expect, it } from "vitest";
import type { GroupInsight } from "@/lib/lag/lag-tracker";
import type { ConsumerGroupSnapshot } from "@/lib/lag/types";
import { clusterHealthSamples, groupLagSamples, insightSamples, KAFKA_METRICS } from "./kafka-series";

const group = (groupId: string, partitions: ConsumerGroupSnapshot["partitions"]): ConsumerGroupSnapshot => ({ groupId, state: "Empty", protocol: "", groupProtocol: "classic", members: [], partitions });

describe("groupLagSamples", () => {
  it("emits group totals and partition lag (end offsets come from the topics)", () => {
    const samples = groupLagSamples([
      group("a", [{ topic: "t", partition: 0, committedOffset: 4, endOffset: 10, lag: 6 }]),
      group("b", [{ topic: "t", partition: 0, committedOffset: 10, endOffset: 10, lag: 0 }]),
    ]);
    expect(samples).toEqual([
      { metric: KAFKA_METRICS.groupLag, labels: { group: "a" }, value: 6 },
      { metric: KAFKA_METRICS.groupMaxLag, labels: { group: "a" }, value: 6 },
      { metric: KAFKA_METRICS.partitionLag, labels: { group: "a", topic: "t", partition: "0" }, value: 6 },
      { metric: KAFKA_METRICS.groupLag, labels: { group: "b" }, value: 0 },
      { metric: KAFKA_METRICS.groupMaxLag, labels: { group: "b" }, value: 0 },
      { metric: KAFKA_METRICS.partitionLag, labels: { group: "b", topic: "t", partition: "0" }, value: 0 },
    ]);
  });

  it("writes nothing for unknown lag: a gap, not a zero", () => {
    const samples = groupLagSamples([group("c", [{ topic: "t", partition: 1, committedOffset: null, endOffset: 5, lag: null }])]);
    expect(samples).toEqual([]);
  });
});

describe("insightSamples", () => {
  const insight = (over: Partial<GroupInsight>): GroupInsight => ({
    groupId: "g", status: "UNKNOWN", lagSeconds: null, lagSecondsExact: true, catchUpSeconds: null, consumeRate: null, produceRate: null, partitions: [], ...over,
  });
  const groupSamples = (over: Partial<GroupInsight>) => insightSamples([insight(over)]).filter((s) => s.metric === KAFKA_METRICS.groupStatus || s.metric === KAFKA_METRICS.groupCatchUpSeconds);

  it.each<{ name: string; over: Partial<GroupInsight>; status: number | null; catchUp: number | null }>([
    { name: "OK and caught up", over: { status: "OK", catchUpSeconds: 0 }, status: 0, catchUp: 0 },
    { name: "WARN, catching up in 90 s", over: { status: "WARN", catchUpSeconds: 90 }, status: 1, catchUp: 90 },
    { name: "ERR, not catching up (null): no catch-up sample", over: { status: "ERR", catchUpSeconds: null }, status: 2, catchUp: null },
    { name: "UNKNOWN: no status sample, a gap", over: { status: "UNKNOWN", catchUpSeconds: null }, status: null, catchUp: null },
  ])("$name", ({ over, status, catchUp }) => {
    const labels = { group: "g" };
    expect(groupSamples(over)).toEqual([
      ...(status === null ? [] : [{ metric: KAFKA_METRICS.groupStatus, labels, value: status }]),
      ...(catchUp === null ? [] : [{ metric: KAFKA_METRICS.groupCatchUpSeconds, labels, value: catchUp }]),
    ]);
  });
});

describe("clusterHealthSamples", () => {
  const topic = { name: "orders", internal: false, replicationFactor: 1, underReplicatedPartitions: 1, offlinePartitions: 0, partitions: [] };

  it("emits cluster health and produce rates per topic and per partition, skipping unknown rates", () => {
    const rates = new Map([["orders", { perSecond: 3, partitions: new Map<number, number | null>([[0, 1], [1, 2], [2, null]]) }]]);
    expect(clusterHealthSamples([{ nodeId: 1, host: "h", port: 9092, isController: true }], [topic], rates)).toEqual([
      { metric: KAFKA_METRICS.brokers, labels: {}, value: 1 },
      { metric: KAFKA_METRICS.underReplicatedPartitions, labels: {}, value: 1 },
      { metric: KAFKA_METRICS.offlinePartitions, labels: {}, value: 0 },
      { metric: KAFKA_METRICS.topicProduceRate, labels: { topic: "orders" }, value: 3 },
      { metric: KAFKA_METRICS.partitionProduceRate, labels: { topic: "orders", partition: "0" }, value: 1 },
      { metric: KAFKA_METRICS.partitionProduceRate, labels: { topic: "orders", partition: "1" }, value: 2 },
    ]);
  });

  it("writes the end offset of every partition read, whether or not a group reads it", () => {
    const partitions = [0, 1].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1], endOffset: partition === 0 ? 42 : null }));
    expect(clusterHealthSamples([], [{ ...topic, partitions }], new Map()).filter((s) => s.metric === KAFKA_METRICS.endOffset)).toEqual([
      { metric: KAFKA_METRICS.endOffset, labels: { topic: "orders", partition: "0" }, value: 42 },
    ]);
  });

  it("writes no topic rate while it is unknown (first poll)", () => {
    const rates = new Map([["orders", { perSecond: null, partitions: new Map<number, number | null>([[0, null]]) }]]);
    expect(clusterHealthSamples([], [topic], rates).map((s) => s.metric)).toEqual([KAFKA_METRICS.brokers, KAFKA_METRICS.underReplicatedPartitions, KAFKA_METRICS.offlinePartitions]);
  });
});
