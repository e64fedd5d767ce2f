import type { RabbitmqClusterConfig } from "@/lib/config/schema";

const DEFAULT_GROWTH_WINDOW_SECONDS = 600;
const DEFAULT_NO_CONSUMERS_AFTER_SECONDS = 300;

/** "Queue has no consumers" threshold (noConsumersAfterSeconds, default 5 min). */
export function noConsumersAfterMsOf(cluster: RabbitmqClusterConfig): number {
  return (cluster.noConsumersAfterSeconds ?? DEFAULT_NO_CONSUMERS_AFTER_SECONDS) * 1000;
}

/** "Queue is growing" window (growthWindowSeconds, default 10 min). */
export function growthWindowMsOf(cluster: RabbitmqClusterConfig): number {
  return (cluster.growthWindowSeconds ?? DEFAULT_GROWTH_WINDOW_SECONDS) * 1000;
}
