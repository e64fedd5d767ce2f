import { describe, expect, it } from "vitest";
import { queueKey } from "./dead-letter-topology";
import { UNKNOWN_RATES } from "./queue-rates";
import { nodeSamples, queueSamples, RABBITMQ_METRICS } from "./queue-series";
import type { QueueInsight } from "./queue-tracker";
import type { QueueSnapshot, RabbitNodeSnapshot } from "./types";

const queue = (name: string, over: Partial<QueueSnapshot> = {}): QueueSnapshot => ({
  vhost: "v", name, type: "classic", messages: 0, messagesReady: 0, messagesUnacknowledged: 0, consumers: 0, consumerCapacity: null, counters: null, ...over,
});
const insight = (over: Partial<QueueInsight> = {}): QueueInsight => ({
  rates: UNKNOWN_RATES, deadLetterInflowRate: null, deadLetterOutRate: null, noConsumersSince: null, growthRate: null, depthGrowthRate: null, isDeadLetterTarget: false, ...over,
});
const NEW_QUEUE_METRICS: readonly string[] = [RABBITMQ_METRICS.readyWithoutConsumers, RABBITMQ_METRICS.deadLetterQueueMessages, RABBITMQ_METRICS.growthRate];

/** The alert-signal samples of one queue, as [metric, value]. */
function signalsOf(snapshot: QueueSnapshot, derived: QueueInsight): [string, number][] {
  return queueSamples([snapshot], new Map([[queueKey(snapshot), derived]]))
    .filter((s) => NEW_QUEUE_METRICS.includes(s.metric))
    .map((s) => {
      expect(s.labels).toEqual({ vhost: "v", queue: snapshot.name });
      return [s.metric, s.value];
    });
}

describe("queueSamples: alert signals", () => {
  it.each<{ name: string; snapshot: QueueSnapshot; derived: QueueInsight; signals: [string, number][] }>([
    {
      name: "a work queue with ready messages and no consumer, growing",
      snapshot: queue("work", { messages: 9, messagesReady: 7, consumers: 0 }),
      derived: insight({ depthGrowthRate: 1.5 }),
      signals: [[RABBITMQ_METRICS.readyWithoutConsumers, 7], [RABBITMQ_METRICS.growthRate, 1.5]],
    },
    {
      name: "a served queue, flat",
      snapshot: queue("served", { messages: 9, messagesReady: 7, consumers: 1 }),
      derived: insight({ depthGrowthRate: 0 }),
      signals: [[RABBITMQ_METRICS.readyWithoutConsumers, 0], [RABBITMQ_METRICS.growthRate, 0]],
    },
    {
      name: "a DLQ nobody consumes: 0 ready without consumers, its depth as DLQ depth",
      snapshot: queue("dlq", { messages: 4, messagesReady: 3, messagesUnacknowledged: 1, consumers: 0 }),
      derived: insight({ isDeadLetterTarget: true, rates: { ...UNKNOWN_RATES, publishRate: 0 } }),
      signals: [[RABBITMQ_METRICS.readyWithoutConsumers, 0], [RABBITMQ_METRICS.deadLetterQueueMessages, 4]],
    },
    {
      name: "figures unknown this poll: no samples",
      snapshot: queue("lost", { messages: null, messagesReady: null, messagesUnacknowledged: null, consumers: null }),
      derived: insight({ isDeadLetterTarget: true }),
      signals: [],
    },
  ])("$name", ({ snapshot, derived, signals }) => {
    expect(signalsOf(snapshot, derived)).toEqual(signals);
  });
});

describe("nodeSamples: alarms", () => {
  const node = (over: Partial<RabbitNodeSnapshot>): RabbitNodeSnapshot => ({
    name: "rabbit@a", running: true, memUsed: null, memLimit: null, memAlarm: false, diskFree: null, diskFreeLimit: null, diskFreeAlarm: false,
    fdUsed: null, fdTotal: null, socketsUsed: null, socketsTotal: null, procUsed: null, procTotal: null, uptimeMs: null, partitions: [], ...over,
  });
  const alarms = (over: Partial<RabbitNodeSnapshot>) =>
    nodeSamples([node(over)]).filter((s) => s.metric === RABBITMQ_METRICS.nodeMemAlarm || s.metric === RABBITMQ_METRICS.nodeDiskAlarm).map((s) => [s.metric, s.value]);

  it.each<{ name: string; over: Partial<RabbitNodeSnapshot>; samples: [string, number][] }>([
    { name: "no alarm", over: {}, samples: [[RABBITMQ_METRICS.nodeMemAlarm, 0], [RABBITMQ_METRICS.nodeDiskAlarm, 0]] },
    { name: "memory alarm", over: { memAlarm: true }, samples: [[RABBITMQ_METRICS.nodeMemAlarm, 1], [RABBITMQ_METRICS.nodeDiskAlarm, 0]] },
    { name: "disk alarm", over: { diskFreeAlarm: true }, samples: [[RABBITMQ_METRICS.nodeMemAlarm, 0], [RABBITMQ_METRICS.nodeDiskAlarm, 1]] },
    { name: "a stopped node: alarms unknown, no samples", over: { running: false }, samples: [] },
  ])("$name", ({ over, samples }) => {
    expect(alarms(over)).toEqual(samples);
  });
});
