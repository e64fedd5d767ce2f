import type { QueuewatchConfig } from "./schema";

export type LocalService = "kafka" | "rabbitmq";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function isLocalHostPort(hostPort: string): boolean {
  const host = hostPort.slice(0, hostPort.lastIndexOf(":"));
  return LOCAL_HOSTS.has(host);
}

/** Pure: which bundled services the quick start should start for this config. */
export function localServicesFor(config: QueuewatchConfig): LocalService[] {
  const services = new Set<LocalService>();
  for (const cluster of config.clusters) {
    if (cluster.kind === "kafka" && cluster.brokers.some(isLocalHostPort)) services.add("kafka");
    if (cluster.kind === "rabbitmq" && LOCAL_HOSTS.has(new URL(cluster.managementUrl).hostname)) services.add("rabbitmq");
  }
  return [...services].sort();
}
