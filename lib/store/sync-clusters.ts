import "server-only";
import { clusterDisplayName } from "@/lib/config/cluster-settings";
import type { ClusterConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";

/** Makes the clusters table match the configuration (the collector's view of what to poll). */
export async function syncClusters(db: Db, clusters: readonly ClusterConfig[]): Promise<void> {
  await db.$transaction([
    ...clusters.map((cluster) =>
      db.cluster.upsert({
        where: { id: cluster.id },
        create: { id: cluster.id, name: clusterDisplayName(cluster), kind: cluster.kind },
        update: { name: clusterDisplayName(cluster), kind: cluster.kind },
      }),
    ),
  ]);
}
