import "server-only";
import type { ClusterConfig, ClusterKind } from "@/lib/config/schema";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import type { BrokerAdapter } from "./types";

type AdapterFactories = { [K in ClusterKind]: (cluster: Extract<ClusterConfig, { kind: K }>) => BrokerAdapter };

// The one place that knows which class serves which kind.
const factories: AdapterFactories = {
  kafka: (cluster) => new KafkaAdapter(cluster),
  rabbitmq: (cluster) => new RabbitmqAdapter(cluster),
};

export function createBrokerAdapter<K extends ClusterKind>(cluster: Extract<ClusterConfig, { kind: K }>): BrokerAdapter {
  const factory = factories[cluster.kind] as (c: Extract<ClusterConfig, { kind: K }>) => BrokerAdapter;
  return factory(cluster);
}
