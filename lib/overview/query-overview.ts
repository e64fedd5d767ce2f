import "server-only";
import type { ClusterOverviewDto, OverviewDto } from "@/lib/api/types";
import { readSubjects } from "@/lib/brokers/registry";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { listClusters } from "./list-clusters";
import { sortByUrgency, triageCluster } from "./triage-cluster";

/** Every configured cluster with its problems, most urgent first (clusters and problems), from the latest stored poll. */
export async function queryOverview(db: Db, config: QueuewatchConfig, now: Date): Promise<OverviewDto> {
  const clusters = await listClusters(db, config, now);
  const overviews = await Promise.all(clusters.map(async ({ config: clusterConfig, dto: cluster }): Promise<ClusterOverviewDto> => {
    const subjects = await readSubjects(db, clusterConfig);
    const problems = triageCluster({ cluster, ...subjects });
    const { groups, topics, queues, nodes } = subjects;
    return {
      cluster,
      problems,
      allClear: problems.length === 0,
      counts: { groups: groups.length, topics: topics.filter((t) => !t.internal).length, queues: queues.length, nodes: nodes.length },
    };
  }));
  return { clusters: sortByUrgency(overviews), generatedAt: now.toISOString() };
}
