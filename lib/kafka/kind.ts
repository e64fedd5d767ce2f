import "server-only";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { KafkaDeadLetterIndexer } from "./dead-letter-indexer";
import { KafkaDeadLetterReplayer } from "./dead-letter-replayer";
import { queryDeadLetterTopics } from "./store/query-dead-letter-topics";
import { adapterConnection } from "@/lib/brokers/adapter-connection";
import type { BrokerKind } from "@/lib/brokers/types";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import { isLocalHost } from "@/lib/config/local-services";
import { KAFKA_CAPABILITIES } from "./capabilities";
import { KafkaAdapter } from "./kafka-adapter";
import { kafkaReading, KafkaPoller } from "./kafka-poller";
import { queryConsumerGroups } from "./store/query-consumer-groups";
import { queryTopics } from "./store/query-kafka-cluster";

/** Kafka: consumer-group lag, topics and brokers through the admin API (kafkajs). */
export const kafkaKind: BrokerKind<KafkaClusterConfig> = {
  kind: "kafka",
  capabilities: KAFKA_CAPABILITIES,
  secretsOf: (cluster) => (cluster.sasl ? [cluster.sasl.password] : []),
  isLocal: (cluster) => cluster.brokers.some((hostPort) => isLocalHost(hostPort.slice(0, hostPort.lastIndexOf(":")))),
  connect: (cluster) => adapterConnection(new KafkaAdapter(cluster), kafkaReading),
  createPoller: (cluster) => new KafkaPoller(cluster.id, new KafkaAdapter(cluster), new LagTracker(), new KafkaDeadLetterIndexer(cluster)),
  readSubjects: async (db, cluster) => {
    const [groups, topics] = await Promise.all([queryConsumerGroups(db, cluster.id), queryTopics(db, cluster.id)]);
    return { groups, topics, queues: [], nodes: [] };
  },
  listDeadLetters: queryDeadLetterTopics,
  replayer: (cluster) => new KafkaDeadLetterReplayer(cluster),
};
