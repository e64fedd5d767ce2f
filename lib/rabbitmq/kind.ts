import "server-only";
import { adapterConnection } from "@/lib/brokers/adapter-connection";
import type { BrokerKind } from "@/lib/brokers/types";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { isLocalHost } from "@/lib/config/local-services";
import { RABBITMQ_CAPABILITIES } from "./capabilities";
import { RabbitmqAdapter } from "./rabbitmq-adapter";
import { queueTrackerFor, rabbitmqReading, RabbitmqPoller } from "./rabbitmq-poller";
import { noConsumersAfterMsOf } from "./settings";
import { RabbitmqDeadLetterCollector } from "./dead-letter-collector";
import { RabbitmqDeadLetterReplayer } from "./dead-letter-replayer";
import { peekQueue } from "./peek-messages";
import { queryDeadLetterQueues } from "./store/query-dead-letter-queues";
import { queryNodes, queryQueues } from "./store/query-queues";

/** RabbitMQ: queue depth, rates, dead-letter routes and node health (Prometheus plugin + management API). */
export const rabbitmqKind: BrokerKind<RabbitmqClusterConfig> = {
  kind: "rabbitmq",
  capabilities: RABBITMQ_CAPABILITIES,
  secretsOf: (cluster) => [cluster.password],
  isLocal: (cluster) => isLocalHost(new URL(cluster.managementUrl).hostname),
  connect: (cluster) => adapterConnection(new RabbitmqAdapter(cluster), rabbitmqReading),
  createPoller: (cluster) => new RabbitmqPoller(new RabbitmqAdapter(cluster), queueTrackerFor(cluster), new RabbitmqDeadLetterCollector(cluster)),
  readSubjects: async (db, cluster) => {
    const [queues, nodes] = await Promise.all([queryQueues(db, cluster.id, noConsumersAfterMsOf(cluster)), queryNodes(db, cluster.id)]);
    return { groups: [], topics: [], queues, nodes: nodes.nodes };
  },
  listDeadLetters: queryDeadLetterQueues,
  replayer: (cluster) => new RabbitmqDeadLetterReplayer(cluster),
  peekDeadLetters: (cluster, ref, count) => ("queue" in ref ? peekQueue(cluster, ref.vhost, ref.queue, count) : Promise.reject(new Error("a RabbitMQ cluster has queues, not topics"))),
};
