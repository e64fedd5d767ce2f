import "server-only";
import type { ClusterOverviewDto, OverviewDto } from "@/lib/api/types";
import { noConsumersAfterMsOf } from "@/lib/config/cluster-name";
import type { ClusterConfig, QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { sortByUrgency, triageCluster } from "@/lib/overview/triage-cluster";
import { queryClusters } from "./query-clusters";
import { queryConsumerGroups } from "./query-consumer-groups";
import { queryTopics } from "./query-kafka-cluster";
import { queryNodes, queryQueues } from "./query-rabbitmq";

/** Queues need the cluster's "no consumers" threshold, a setting only clusters with queues have. */
function queryQueuesOf(db: Db, cluster: ClusterConfig | undefined): ReturnType<typeof queryQueues> {
  return cluster?.kind === "rabbitmq" ? queryQueues(db, cluster.id, noConsumersAfterMsOf(cluster)) : Promise.resolve([]);
}

/**
 * Every configured cluster with its problems, most urgent first (clusters and problems), from the latest stored poll. A kind
 * without groups, topics or nodes simply has no rows in those tables.
 */
export async function queryOverview(db: Db, config: QueuewatchConfig, now: Date): Promise<OverviewDto> {
  const clusters = await queryClusters(db, config, now);
  const overviews = await Promise.all(clusters.map(async (cluster): Promise<ClusterOverviewDto> => {
    const [groups, topics, queues, nodes] = await Promise.all([
      queryConsumerGroups(db, cluster.id),
      queryTopics(db, cluster.id),
      queryQueuesOf(db, config.clusters.find((c) => c.id === cluster.id)),
      queryNodes(db, cluster.id),
    ]);
    const problems = triageCluster({ cluster, groups, topics, queues, nodes: nodes.nodes });
    return {
      cluster,
      problems,
      allClear: problems.length === 0,
      counts: { groups: groups.length, topics: topics.filter((t) => !t.internal).length, queues: queues.length, nodes: nodes.nodes.length },
    };
  }));
  return { clusters: sortByUrgency(overviews), generatedAt: now.toISOString() };
}
