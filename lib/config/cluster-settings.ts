import type { ClusterConfig } from "./schema";

// Settings every cluster has, whatever its kind. A kind's own settings are read in its module
// (e.g. lib/rabbitmq/settings.ts); the store's retention in lib/store/tiers.ts.

export function clusterDisplayName(cluster: ClusterConfig): string {
  return cluster.name ?? cluster.id;
}

export function pollIntervalSecondsFor(cluster: ClusterConfig, defaultSeconds: number): number {
  return cluster.pollIntervalSeconds ?? defaultSeconds;
}
