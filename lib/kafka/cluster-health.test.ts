import { describe, expect, it } from "vitest";
import { brokerNodes, summarizeTopic } from "./cluster-health";

describe("summarizeTopic", () => {
  it("counts under-replicated and offline partitions", () => {
    const topic = summarizeTopic("orders", [
      { partitionId: 2, leader: -1, replicas: [1, 2, 3], isr: [] }, // no leader: offline (and under-replicated)
      { partitionId: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] },
      { partitionId: 1, leader: 2, replicas: [1, 2, 3], isr: [2, 3] }, // under-replicated
      { partitionId: 3, leader: 3, replicas: [3, 1, 2], isr: [3, 1, 2], offlineReplicas: [3] }, // leader offline
    ], new Map([[0, 10], [1, 20]]));
    expect(topic).toMatchObject({ name: "orders", internal: false, replicationFactor: 3, underReplicatedPartitions: 2, offlinePartitions: 2 });
    expect(topic.partitions.map((p) => [p.partition, p.endOffset])).toEqual([[0, 10], [1, 20], [2, null], [3, null]]);
  });

  it("marks Kafka's own topics internal and handles a topic without partitions", () => {
    expect(summarizeTopic("__consumer_offsets", [], undefined)).toMatchObject({ internal: true, replicationFactor: 0, underReplicatedPartitions: 0, offlinePartitions: 0, partitions: [] });
  });
});

describe("brokerNodes", () => {
  it("sorts by node id and marks the controller", () => {
    expect(brokerNodes([{ nodeId: 2, host: "b", port: 9092 }, { nodeId: 1, host: "a", port: 9092 }], 2)).toEqual([
      { nodeId: 1, host: "a", port: 9092, isController: false },
      { nodeId: 2, host: "b", port: 9092, isController: true },
    ]);
  });
});
