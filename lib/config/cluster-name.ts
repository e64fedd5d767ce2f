import type { RetentionDays } from "@/lib/store/tiers";
import type { ClusterConfig, QueuewatchConfig, RabbitmqClusterConfig } from "./schema";

export function clusterDisplayName(cluster: ClusterConfig): string {
  return cluster.name ?? cluster.id;
}

export function pollIntervalSecondsFor(cluster: ClusterConfig, defaultSeconds: number): number {
  return cluster.pollIntervalSeconds ?? defaultSeconds;
}

/** "Queue has no consumers" threshold (noConsumersAfterSeconds, default 5 min). */
export function noConsumersAfterMsOf(cluster: RabbitmqClusterConfig): number {
  return (cluster.noConsumersAfterSeconds ?? 300) * 1000;
}

export const DEFAULT_GROWTH_WINDOW_SECONDS = 600;

/** "Queue is growing" window (growthWindowSeconds, default 10 min). */
export function growthWindowMsOf(cluster: RabbitmqClusterConfig): number {
  return (cluster.growthWindowSeconds ?? DEFAULT_GROWTH_WINDOW_SECONDS) * 1000;
}

export function retentionDaysOf(config: QueuewatchConfig): RetentionDays {
  return { raw: config.retention.rawDays, "1m": config.retention.oneMinuteDays, "1h": config.retention.oneHourDays };
}
