import "server-only";
import type { ClusterDto } from "@/lib/api/types";
import { capabilitiesOf } from "@/lib/brokers/registry";
import type { ClusterConfig, QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { queryClusters } from "@/lib/store/query-clusters";

/** Every configured cluster: its stored poll state and what its kind offers, with its settings. */
export async function listClusters(db: Db, config: QueuewatchConfig, now: Date): Promise<{ config: ClusterConfig; dto: ClusterDto }[]> {
  const configOf = new Map(config.clusters.map((cluster) => [cluster.id, cluster]));
  // queryClusters answers for exactly the configured clusters.
  return (await queryClusters(db, config, now)).flatMap((status) => {
    const cluster = configOf.get(status.id);
    return cluster ? [{ config: cluster, dto: { ...status, capabilities: capabilitiesOf(cluster) } }] : [];
  });
}
