import "server-only";
import { CLUSTER_STATUSES, type ClusterDto, type ClusterStatusDto } from "@/lib/api/types";
import { clusterDisplayName, pollIntervalSecondsFor } from "@/lib/config/cluster-settings";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { formatDuration } from "@/lib/client/format";

function toStatus(value: string | undefined): ClusterDto["status"] {
  return CLUSTER_STATUSES.find((status) => status === value) ?? "unknown";
}

/** The stored outcome of a cluster's polls that staleness is judged from. */
export interface ClusterPollState {
  status: ClusterDto["status"];
  lastPolledAt: Date | null;
  pollIntervalSeconds: number;
}

/** A poll older than this many intervals means the collector stopped polling the cluster. */
export const STALE_AFTER_INTERVALS = 2;

/**
 * Whether a cluster's stored figures may be shown as current at `now`: not when it was never polled,
 * when its latest poll failed, or when its latest poll is older than 2 poll intervals.
 */
export function evaluateStaleness(state: ClusterPollState, now: Date): Pick<ClusterDto, "stale" | "staleReason"> {
  if (state.lastPolledAt === null) return { stale: true, staleReason: "never polled" };
  if (state.status === "down") return { stale: true, staleReason: "latest poll failed" };
  const ageSeconds = (now.getTime() - state.lastPolledAt.getTime()) / 1000;
  if (ageSeconds > STALE_AFTER_INTERVALS * state.pollIntervalSeconds) return { stale: true, staleReason: `no poll for ${formatDuration(ageSeconds)}` };
  return { stale: false, staleReason: null };
}

/** Configured clusters with their latest poll outcome; a cluster never polled is "unknown". */
export async function queryClusters(db: Db, config: QueuewatchConfig, now: Date): Promise<ClusterStatusDto[]> {
  const rows = await db.cluster.findMany({ where: { id: { in: config.clusters.map((c) => c.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return config.clusters.map((cluster) => {
    const row = byId.get(cluster.id);
    const status = toStatus(row?.status);
    const lastPolledAt = row?.lastPolledAt ?? null;
    const pollIntervalSeconds = pollIntervalSecondsFor(cluster, config.pollIntervalSeconds);
    return {
      id: cluster.id,
      name: clusterDisplayName(cluster),
      kind: cluster.kind,
      status,
      lastPolledAt: lastPolledAt?.toISOString() ?? null,
      lastSuccessAt: row?.lastSuccessAt?.toISOString() ?? null,
      downSince: row?.downSince?.toISOString() ?? null,
      lastError: row?.lastError ?? null,
      lastPollDurationMs: row?.lastPollDurationMs ?? null,
      pollIntervalSeconds,
      ...evaluateStaleness({ status, lastPolledAt, pollIntervalSeconds }, now),
    };
  });
}
