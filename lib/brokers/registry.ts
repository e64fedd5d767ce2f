import "server-only";
import type { ClusterConfig, ClusterKind } from "@/lib/config/schema";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { growthWindowMsOf } from "@/lib/config/cluster-name";
import { DEFAULT_QUEUE_TRACKER_OPTIONS, QueueTracker, type QueueTrackerOptions } from "@/lib/rabbitmq/queue-tracker";
import type { BrokerAdapter } from "./types";

type AdapterFactories = { [K in ClusterKind]: (cluster: Extract<ClusterConfig, { kind: K }>) => BrokerAdapter };

// The one place that knows which class serves which kind.
const factories: AdapterFactories = {
  kafka: (cluster) => new KafkaAdapter(cluster),
  rabbitmq: (cluster) => new RabbitmqAdapter(cluster),
};

// The queue tracker's settings by kind; Kafka has no queues (its tracker stays empty).
const queueTrackerOptions: { [K in ClusterKind]: (cluster: Extract<ClusterConfig, { kind: K }>) => QueueTrackerOptions } = {
  kafka: () => DEFAULT_QUEUE_TRACKER_OPTIONS,
  rabbitmq: (cluster) => ({ growthWindowMs: growthWindowMsOf(cluster) }),
};

/** The per-cluster memory of queue rates and signals, with the cluster's settings. */
export function createQueueTracker<K extends ClusterKind>(cluster: Extract<ClusterConfig, { kind: K }>): QueueTracker {
  const options = queueTrackerOptions[cluster.kind] as (c: Extract<ClusterConfig, { kind: K }>) => QueueTrackerOptions;
  return new QueueTracker(options(cluster));
}

export function createBrokerAdapter<K extends ClusterKind>(cluster: Extract<ClusterConfig, { kind: K }>): BrokerAdapter {
  const factory = factories[cluster.kind] as (c: Extract<ClusterConfig, { kind: K }>) => BrokerAdapter;
  return factory(cluster);
}
