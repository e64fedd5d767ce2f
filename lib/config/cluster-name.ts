import type { ClusterConfig } from "./schema";

export function clusterDisplayName(cluster: ClusterConfig): string {
  return cluster.name ?? cluster.id;
}

export function pollIntervalSecondsFor(cluster: ClusterConfig, defaultSeconds: number): number {
  return cluster.pollIntervalSeconds ?? defaultSeconds;
}
