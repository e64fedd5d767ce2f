import type { QueuewatchConfig } from "./schema";

/** Pure: the secret values in a configuration (after ${ENV} substitution), for the logger to hide. */
export function secretsOf(config: QueuewatchConfig): string[] {
  return config.clusters.flatMap((cluster) => {
    if (cluster.kind === "rabbitmq") return [cluster.password];
    return cluster.sasl ? [cluster.sasl.password] : [];
  }).filter((secret) => secret.length > 0);
}
