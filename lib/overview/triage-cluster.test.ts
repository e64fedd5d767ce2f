import { describe, expect, it } from "vitest";
import type { ClusterDto, ConsumerGroupSummaryDto, NodeDto, QueueDto, TopicSummaryDto } from "@/lib/api/types";
import { KAFKA_CAPABILITIES } from "@/lib/kafka/capabilities";
import { sortByUrgency, triageCluster, type ClusterSnapshot } from "./triage-cluster";

const POLLED = "2026-12-02T16:00:39.000Z";

const cluster = (over: Partial<ClusterDto> = {}): ClusterDto => ({
  id: "c", name: "C", kind: "kafka", capabilities: KAFKA_CAPABILITIES, status: "up", lastPolledAt: POLLED, lastError: null, lastPollDurationMs: 20, pollIntervalSeconds: 10,
  lastSuccessAt: POLLED, downSince: null, stale: false, staleReason: null, ...over,
});
const group = (groupId: string, status: string, lagSeconds: number | null = null): ConsumerGroupSummaryDto => ({
  groupId, status, lagSeconds, lagSecondsExact: true, catchUpSeconds: null, consumeRate: null, produceRate: null,
  groupProtocol: "classic", state: "Stable", members: 1, totalLag: 0, maxLag: 0, topics: ["t"], polledAt: POLLED,
});
const topic = (name: string, underReplicatedPartitions = 0, offlinePartitions = 0): TopicSummaryDto => ({
  name, internal: false, partitions: 3, replicationFactor: 1, underReplicatedPartitions, offlinePartitions, produceRate: null, consumerGroups: [], polledAt: POLLED,
});
const queue = (name: string, over: Partial<QueueDto> = {}): QueueDto => ({
  vhost: "/", name, type: "classic", messages: 0, messagesReady: 0, messagesUnacknowledged: 0, consumers: 1, consumerCapacity: 1,
  publishRate: 0, deliverRate: 0, ackRate: 0, redeliverRate: 0, deadLetterInflowRate: null, deadLetterOutRate: null, deadLetterQueue: null, deadLetterSources: [],
  deadLetterDropped: false, deadLetterLoop: false, noConsumers: false, noConsumersAlarm: false, noConsumersSince: null, growing: false, growthRate: null, polledAt: POLLED, ...over,
});
const node = (name: string, over: Partial<NodeDto> = {}): NodeDto => ({
  name, running: true, memUsed: 1, memLimit: 2, memAlarm: false, diskFree: 2, diskFreeLimit: 1, diskFreeAlarm: false, fdUsed: 1, fdTotal: 2,
  socketsUsed: 1, socketsTotal: 2, procUsed: 1, procTotal: 2, uptimeMs: 1, partitions: [], ...over,
});
const snapshot = (over: Partial<ClusterSnapshot>): ClusterSnapshot => ({ cluster: cluster(), groups: [], topics: [], queues: [], nodes: [], ...over });

/** "kind:subject" per problem, in order. */
const summary = (s: ClusterSnapshot) => triageCluster(s).map((p) => {
  const sub = p.subject;
  const name = sub.type === "group" ? sub.groupId : sub.type === "topic" ? sub.topic : sub.type === "queue" ? sub.name : sub.type === "node" ? sub.node : "cluster";
  return `${p.severity}:${p.kind}:${name}`;
});

describe("triageCluster", () => {
  it.each([
    { name: "a healthy cluster is all clear", snap: snapshot({ groups: [group("g", "OK")], topics: [topic("t")], queues: [queue("q")], nodes: [node("n")] }), want: [] },
    { name: "UNKNOWN groups (too few polls) are no problem", snap: snapshot({ groups: [group("g", "UNKNOWN")] }), want: [] },
    { name: "never polled is a problem, not all clear", snap: snapshot({ cluster: cluster({ lastPolledAt: null, lastSuccessAt: null, status: "unknown", stale: true, staleReason: "never polled" }) }), want: ["critical:never-polled:cluster"] },
    {
      name: "down cluster first, its last known problems after",
      snap: snapshot({ cluster: cluster({ status: "down", stale: true, staleReason: "latest poll failed", downSince: POLLED }), groups: [group("g", "WARN", 30)] }),
      want: ["critical:cluster-down:cluster", "warning:group-lag:g"],
    },
    { name: "a stale cluster (no poll for a while)", snap: snapshot({ cluster: cluster({ stale: true, staleReason: "no poll for 3 min" }) }), want: ["critical:cluster-stale:cluster"] },
    {
      name: "ERR before WARN, larger lag first within a status",
      snap: snapshot({ groups: [group("w-small", "WARN", 5), group("e", "ERR", 1), group("ok", "OK", 999), group("w-big", "WARN", 50)] }),
      want: ["critical:group-lag:e", "warning:group-lag:w-big", "warning:group-lag:w-small"],
    },
    {
      name: "offline partitions are critical, under-replicated a warning",
      snap: snapshot({ topics: [topic("a", 2, 0), topic("b", 3, 1)] }),
      want: ["critical:offline-partitions:b", "warning:under-replicated-partitions:b", "warning:under-replicated-partitions:a"],
    },
    {
      name: "node down, partition and alarms",
      snap: snapshot({ nodes: [node("a", { memAlarm: true }), node("b", { running: false }), node("c", { partitions: ["a"] })] }),
      want: ["critical:node-down:b", "critical:network-partition:c", "critical:node-alarm:a"],
    },
    {
      name: "queue signals: dead letters dropped and loops before consumers, growth and inflow",
      snap: snapshot({ queues: [
        queue("dlq", { deadLetterInflowRate: 5 }),
        queue("idle", { noConsumers: true, noConsumersAlarm: true, messagesReady: 10 }),
        queue("grows", { growing: true, growthRate: 3.9 }),
        queue("drops", { deadLetterDropped: true }),
        queue("loops", { deadLetterLoop: true }),
        queue("quiet-dlq", { deadLetterInflowRate: 0 }),
      ] }),
      want: ["critical:dead-letters-dropped:drops", "critical:dead-letter-loop:loops", "warning:no-consumers:idle", "warning:growing:grows", "warning:dead-letter-inflow:dlq"],
    },
    {
      name: "a dead-letter target without consumers raises no alarm (noConsumersAlarm false)",
      snap: snapshot({ queues: [queue("dlq", { noConsumers: true, noConsumersAlarm: false, messagesReady: 4 })] }),
      want: [],
    },
  ])("$name", ({ snap, want }) => {
    expect(summary(snap)).toEqual(want);
  });

  it("carries the group's lag in time for the overview to show", () => {
    const [problem] = triageCluster(snapshot({ groups: [{ ...group("g", "ERR", 62), lagSecondsExact: false, totalLag: 62 }] }));
    expect(problem).toMatchObject({ kind: "group-lag", status: "ERR", lagSeconds: 62, lagSecondsExact: false, totalLag: 62 });
  });
});

describe("sortByUrgency", () => {
  it("puts critical clusters first, then warnings, then all clear, keeping config order within each", () => {
    const clear = (id: string) => ({ id, problems: [] });
    const worst = (id: string, severity: "critical" | "warning") => ({ id, problems: triageCluster(snapshot({ groups: [group("g", severity === "critical" ? "ERR" : "WARN")] })) });
    const sorted = sortByUrgency([clear("a"), worst("b", "warning"), worst("c", "critical"), clear("d"), worst("e", "critical")]);
    expect(sorted.map((c) => c.id)).toEqual(["c", "e", "b", "a", "d"]);
  });
});
