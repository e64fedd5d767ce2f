import type { RetentionDays } from "@/lib/store/tiers";
import type { ClusterConfig, QueuewatchConfig } from "./schema";

export function clusterDisplayName(cluster: ClusterConfig): string {
  return cluster.name ?? cluster.id;
}

export function pollIntervalSecondsFor(cluster: ClusterConfig, defaultSeconds: number): number {
  return cluster.pollIntervalSeconds ?? defaultSeconds;
}

export function retentionDaysOf(config: QueuewatchConfig): RetentionDays {
  return { raw: config.retention.rawDays, "1m": config.retention.oneMinuteDays, "1h": config.retention.oneHourDays };
}
