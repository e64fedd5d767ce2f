import type { QueueSnapshot, RabbitmqCollectResult, RabbitNodeSnapshot } from "./types";
import type { MetricSample } from "@/lib/store/metric-sample";
import { queueKey } from "./dead-letter-topology";
import { readyWithoutConsumers } from "./queue-signals";
import type { QueueInsight } from "./queue-tracker";

/** Metric names of the RabbitMQ series (labels: {vhost, queue} for queues, {node} for nodes). */
export const RABBITMQ_METRICS = {
  messages: "rabbitmq_queue_messages",
  messagesReady: "rabbitmq_queue_messages_ready",
  // the name rabbitmq_prometheus itself gives this figure
  messagesUnacknowledged: "rabbitmq_queue_messages_unacked",
  consumers: "rabbitmq_queue_consumers",
  consumerCapacity: "rabbitmq_queue_consumer_capacity",
  publishRate: "rabbitmq_queue_publish_rate",
  deliverRate: "rabbitmq_queue_deliver_rate",
  ackRate: "rabbitmq_queue_ack_rate",
  redeliverRate: "rabbitmq_queue_redeliver_rate",
  deadLetterInflowRate: "rabbitmq_queue_dead_letter_inflow_rate",
  deadLetterOutRate: "rabbitmq_queue_dead_letter_out_rate",
  // messages_ready while no consumer, else 0; 0 for a DLQ that only gets dead letters (noConsumersAlarm's exception)
  readyWithoutConsumers: "rabbitmq_queue_ready_without_consumers",
  // depth of a dead-letter target, written for those queues only (a rule on it needs no "is DLQ" label)
  deadLetterQueueMessages: "rabbitmq_dead_letter_queue_messages",
  // messages/s while the depth trend grows over growthWindowSeconds, 0 when it does not, none until the window can judge
  growthRate: "rabbitmq_queue_growth_rate",
  nodeRunning: "rabbitmq_node_running",
  // 1/0 while a running node's memory / disk-free alarm blocks publishers; none for a stopped node (unknown)
  nodeMemAlarm: "rabbitmq_node_mem_alarm",
  nodeDiskAlarm: "rabbitmq_node_disk_alarm",
  nodeMemUsed: "rabbitmq_node_mem_used_bytes",
  nodeDiskFree: "rabbitmq_node_disk_free_bytes",
  nodeFdUsed: "rabbitmq_node_fd_used",
  nodeSocketsUsed: "rabbitmq_node_sockets_used",
  nodeProcUsed: "rabbitmq_node_proc_used",
} as const;

/** Pure: the samples one poll contributes. Unknown values write no sample (a gap, not a zero). */
export function queueSamples(queues: readonly QueueSnapshot[], insights: ReadonlyMap<string, QueueInsight>): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const queue of queues) {
    const labels = { vhost: queue.vhost, queue: queue.name };
    const add = (metric: string, value: number | null): void => {
      if (value !== null) samples.push({ metric, labels, value });
    };
    add(RABBITMQ_METRICS.messages, queue.messages);
    add(RABBITMQ_METRICS.messagesReady, queue.messagesReady);
    add(RABBITMQ_METRICS.messagesUnacknowledged, queue.messagesUnacknowledged);
    add(RABBITMQ_METRICS.consumers, queue.consumers);
    add(RABBITMQ_METRICS.consumerCapacity, queue.consumerCapacity);
    const insight = insights.get(queueKey(queue));
    if (!insight) continue;
    add(RABBITMQ_METRICS.publishRate, insight.rates.publishRate);
    add(RABBITMQ_METRICS.deliverRate, insight.rates.deliverRate);
    add(RABBITMQ_METRICS.ackRate, insight.rates.ackRate);
    add(RABBITMQ_METRICS.redeliverRate, insight.rates.redeliverRate);
    add(RABBITMQ_METRICS.deadLetterInflowRate, insight.deadLetterInflowRate);
    add(RABBITMQ_METRICS.deadLetterOutRate, insight.deadLetterOutRate);
    add(RABBITMQ_METRICS.readyWithoutConsumers, readyWithoutConsumers(queue.messagesReady, queue.consumers, insight.isDeadLetterTarget, insight.rates.publishRate));
    if (insight.isDeadLetterTarget) add(RABBITMQ_METRICS.deadLetterQueueMessages, queue.messages);
    add(RABBITMQ_METRICS.growthRate, insight.depthGrowthRate);
  }
  return samples;
}

/** Pure: node health samples (written on the polls that re-read node health). */
export function nodeSamples(nodes: readonly RabbitNodeSnapshot[]): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const node of nodes) {
    const labels = { node: node.name };
    const add = (metric: string, value: number | null): void => {
      if (value !== null) samples.push({ metric, labels, value });
    };
    add(RABBITMQ_METRICS.nodeRunning, node.running ? 1 : 0);
    // A stopped node's row carries no alarm fields (parsed as false): unknown, so no sample.
    add(RABBITMQ_METRICS.nodeMemAlarm, node.running ? Number(node.memAlarm) : null);
    add(RABBITMQ_METRICS.nodeDiskAlarm, node.running ? Number(node.diskFreeAlarm) : null);
    add(RABBITMQ_METRICS.nodeMemUsed, node.memUsed);
    add(RABBITMQ_METRICS.nodeDiskFree, node.diskFree);
    add(RABBITMQ_METRICS.nodeFdUsed, node.fdUsed);
    add(RABBITMQ_METRICS.nodeSocketsUsed, node.socketsUsed);
    add(RABBITMQ_METRICS.nodeProcUsed, node.procUsed);
  }
  return samples;
}

/** Pure: every sample of one RabbitMQ poll (node samples only on the polls that re-read node health). */
export function rabbitmqSamples(result: RabbitmqCollectResult, insights: ReadonlyMap<string, QueueInsight>): MetricSample[] {
  return [...queueSamples(result.queues, insights), ...(result.nodes ? nodeSamples(result.nodes) : [])];
}
