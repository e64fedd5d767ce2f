import "server-only";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { queueKey, resolveDeadLetterRoutes, type DeadLetterRoute } from "./dead-letter-topology";
import { getManagementJson, getPrometheusText } from "./management-client";
import {
  bindingRows, exchangeRows, NODE_COLUMNS, nodeRows, QUEUE_DEFINITION_COLUMNS, QUEUE_FULL_COLUMNS, queueRows,
  toBindingDef, toExchangeDef, toNodeSnapshot, toQueueDefinition, toQueueSnapshot, type QueueDefinition, type QueueRow,
} from "./management-schemas";
import { CHANNEL_COUNTER_FAMILIES, DEPTH_FAMILIES, QUEUE_COUNTER_FAMILIES, queuesFromPrometheus, type CounterMode } from "./prometheus-queues";
import type { QueueSnapshot, RabbitmqCollectResult, RabbitNodeSnapshot } from "./types";

const DEFAULT_MANAGEMENT_INTERVAL_SECONDS = 60;
const PROMETHEUS_PORT = 15692;
/** After the Prometheus endpoint failed, how long the management API alone serves before it is tried again. */
const PROMETHEUS_RETRY_MS = 5 * 60_000;
const PROMETHEUS_TIMEOUT_MS = 5_000;

/** Slow-changing state, re-read from the management API every managementIntervalSeconds. */
interface SlowState {
  readAt: number;
  definitions: Map<string, QueueDefinition>;
  routes: Map<string, DeadLetterRoute>;
  nodes: RabbitNodeSnapshot[];
}

const columns = (list: readonly string[]): string => `columns=${list.join(",")}`;

/**
 * Polls a RabbitMQ cluster as cheaply as the broker allows: depth, consumers and counters
 * from the rabbitmq_prometheus plugin's /metrics/detailed (one request per poll), queue
 * arguments/policies, exchanges, bindings and node health from the management API on a slower
 * cadence. Without the plugin, one unpaged management request with `columns=` per poll.
 */
export class RabbitmqAdapter {
  private slow: SlowState | null = null;
  private readonly prometheusUrl: string | null;
  private prometheusRetryAt = 0;
  /** Which counter families this broker has; null until the first scrape tells. */
  private counterMode: CounterMode | null = null;
  /** Where the latest poll's counters came from (rates are only taken between polls of the same origin). */
  private lastOrigin = "";

  constructor(private readonly cluster: RabbitmqClusterConfig) {
    this.prometheusUrl = prometheusBaseUrl(cluster);
  }

  async collect(): Promise<RabbitmqCollectResult> {
    let requests = 0;
    const get = async (path: string): Promise<unknown> => {
      requests += 1;
      return getManagementJson(this.cluster, path);
    };
    const now = Date.now();
    const intervalMs = (this.cluster.managementIntervalSeconds ?? DEFAULT_MANAGEMENT_INTERVAL_SECONDS) * 1000;
    const slowDue = !this.slow || now - this.slow.readAt >= intervalMs;

    const usePrometheus = this.prometheusUrl !== null && now >= this.prometheusRetryAt;
    // With Prometheus the listing needs no depth columns; without it, the one listing gives both.
    let rows: QueueRow[] | null = null;
    if (slowDue) {
      rows = queueRows.parse(await get(`api/queues?${columns(usePrometheus ? QUEUE_DEFINITION_COLUMNS : QUEUE_FULL_COLUMNS)}`));
      const [exchanges, bindings, nodes] = await Promise.all([
        get(`api/exchanges?${columns(["vhost", "name", "type"])}`).then((body) => exchangeRows.parse(body).map(toExchangeDef)),
        get(`api/bindings?${columns(["vhost", "source", "destination", "destination_type", "routing_key", "arguments"])}`).then((body) => bindingRows.parse(body).map(toBindingDef)),
        get(`api/nodes?${columns(NODE_COLUMNS)}`).then((body) => nodeRows.parse(body).map(toNodeSnapshot)),
      ]);
      const definitions = new Map(rows.map((row) => {
        const definition = toQueueDefinition(row);
        return [queueKey(definition), definition];
      }));
      this.slow = { readAt: now, definitions, routes: resolveDeadLetterRoutes([...definitions.values()], exchanges, bindings), nodes };
      if (usePrometheus) rows = null;
    }
    const slow = this.slow;
    if (!slow) throw new Error("RabbitMQ state was not read"); // unreachable: the first poll is always slowDue

    let queues = usePrometheus ? await this.scrape(slow.definitions, () => (requests += 1)) : null;
    if (queues === null) {
      // The plugin is off or unreachable: the management API's full listing.
      rows ??= queueRows.parse(await get(`api/queues?${columns(QUEUE_FULL_COLUMNS)}`));
      queues = rows.map(toQueueSnapshot);
      this.lastOrigin = "management";
    }
    return {
      // Node health only when it was read: a repeat would restamp a minute-old reading as new.
      queues, queueCounterOrigin: this.lastOrigin, deadLetterRoutes: slow.routes, nodes: slowDue ? slow.nodes : null,
      brokerRequests: requests,
    };
  }

  /** One /metrics/detailed request; null (and management-only for a while) when it fails. */
  private async scrape(definitions: ReadonlyMap<string, QueueDefinition>, countRequest: () => void): Promise<QueueSnapshot[] | null> {
    if (!this.prometheusUrl) return null;
    const families = [...DEPTH_FAMILIES, ...(this.counterMode !== "channel" ? QUEUE_COUNTER_FAMILIES : []), ...(this.counterMode !== "queue" ? CHANNEL_COUNTER_FAMILIES : [])];
    const url = `${this.prometheusUrl}/metrics/detailed?${families.map((f) => `family=${f}`).join("&")}`;
    try {
      countRequest();
      const text = await getPrometheusText(url, PROMETHEUS_TIMEOUT_MS);
      const scrape = queuesFromPrometheus(text, definitions);
      if (scrape.counterMode !== "none") this.counterMode = scrape.counterMode;
      this.lastOrigin = `prometheus-${scrape.counterMode}`;
      return scrape.queues;
    } catch {
      // Not fatal: the management API has the same numbers at a higher cost to the broker.
      this.prometheusRetryAt = Date.now() + PROMETHEUS_RETRY_MS;
      return null;
    }
  }

  async close(): Promise<void> {}
}

/** The configured Prometheus base URL, the management host on port 15692 by default, or null when disabled. */
function prometheusBaseUrl(cluster: RabbitmqClusterConfig): string | null {
  if (cluster.prometheusUrl === false) return null;
  if (cluster.prometheusUrl) return cluster.prometheusUrl.replace(/\/+$/, "");
  const management = new URL(cluster.managementUrl);
  return `${management.protocol}//${management.hostname}:${PROMETHEUS_PORT}`;
}
