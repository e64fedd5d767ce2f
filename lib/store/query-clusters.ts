import "server-only";
import { CLUSTER_STATUSES, type ClusterDto } from "@/lib/api/types";
import { clusterDisplayName, pollIntervalSecondsFor } from "@/lib/config/cluster-name";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";

function toStatus(value: string | undefined): ClusterDto["status"] {
  return CLUSTER_STATUSES.find((status) => status === value) ?? "unknown";
}

/** Configured clusters with their latest poll outcome; a cluster never polled is "unknown". */
export async function queryClusters(db: Db, config: QueuewatchConfig): Promise<ClusterDto[]> {
  const rows = await db.cluster.findMany({ where: { id: { in: config.clusters.map((c) => c.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return config.clusters.map((cluster) => {
    const row = byId.get(cluster.id);
    return {
      id: cluster.id,
      name: clusterDisplayName(cluster),
      kind: cluster.kind,
      status: toStatus(row?.status),
      lastPolledAt: row?.lastPolledAt?.toISOString() ?? null,
      lastError: row?.lastError ?? null,
      lastPollDurationMs: row?.lastPollDurationMs ?? null,
      pollIntervalSeconds: pollIntervalSecondsFor(cluster, config.pollIntervalSeconds),
    };
  });
}
