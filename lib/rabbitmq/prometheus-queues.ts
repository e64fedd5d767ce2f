import type { QueueSnapshot } from "./types";
import { queueKey } from "./dead-letter-topology";
import type { QueueDefinition } from "./management-schemas";
import { forEachSample, metricTypes, unescapeLabelValue, type PromSample } from "./prometheus-text";
import type { QueueCounters } from "./queue-rates";

/**
 * Families asked of /metrics/detailed. Depth and consumers always; counters from
 * `queue_delivery_metrics` + `queue_exchange_metrics` (per-queue totals, RabbitMQ 3.13+/4.x) or,
 * where those are unknown (3.10–3.12), `channel_queue_metrics` + `channel_queue_exchange_metrics`
 * (per channel × queue). Unknown families are silently ignored by the broker.
 */
export const DEPTH_FAMILIES = ["queue_coarse_metrics", "queue_consumer_count"] as const;
export const QUEUE_COUNTER_FAMILIES = ["queue_delivery_metrics", "queue_exchange_metrics"] as const;
export const CHANNEL_COUNTER_FAMILIES = ["channel_queue_metrics", "channel_queue_exchange_metrics"] as const;

export type CounterMode = "queue" | "channel" | "none";

const P = "rabbitmq_detailed_";
const DEPTH = { ready: `${P}queue_messages_ready`, unacked: `${P}queue_messages_unacked`, messages: `${P}queue_messages`, consumers: `${P}queue_consumers`, info: `${P}queue_info` } as const;
/** Counter metric → the QueueCounters fields it adds to. Deliveries and gets count in both ack modes. */
const COUNTERS: Record<CounterMode, Record<string, readonly (keyof QueueCounters)[]>> = {
  queue: {
    [`${P}queue_messages_delivered_ack_total`]: ["delivered"],
    [`${P}queue_messages_delivered_total`]: ["delivered", "removedNoAck"],
    [`${P}queue_get_ack_total`]: ["delivered"],
    [`${P}queue_get_total`]: ["delivered", "removedNoAck"],
    [`${P}queue_messages_redelivered_total`]: ["redelivered"],
    [`${P}queue_messages_acked_total`]: ["acked"],
    [`${P}queue_exchange_messages_published_total`]: ["published"],
  },
  channel: {
    [`${P}channel_messages_delivered_ack_total`]: ["delivered"],
    [`${P}channel_messages_delivered_total`]: ["delivered", "removedNoAck"],
    [`${P}channel_get_ack_total`]: ["delivered"],
    [`${P}channel_get_total`]: ["delivered", "removedNoAck"],
    [`${P}channel_messages_redelivered_total`]: ["redelivered"],
    [`${P}channel_messages_acked_total`]: ["acked"],
    [`${P}queue_messages_published_total`]: ["published"],
  },
  none: {},
};
/** A metric whose `# TYPE` line proves the family exists on this broker. */
const MODE_MARKER: Record<Exclude<CounterMode, "none">, string> = { queue: `${P}queue_messages_delivered_total`, channel: `${P}channel_messages_delivered_total` };

/** Which counter families a scrape carried (queue totals win when both are there). */
export function counterModeOf(text: string): CounterMode {
  const types = metricTypes(text);
  if (types.has(MODE_MARKER.queue)) return "queue";
  if (types.has(MODE_MARKER.channel)) return "channel";
  return "none";
}

export interface PrometheusQueueScrape {
  queues: QueueSnapshot[];
  counterMode: CounterMode;
  /** lines that could not be parsed, or samples without a vhost/queue label */
  malformed: number;
}

interface Building {
  vhost: string;
  name: string;
  type: string | null;
  ready: number | null;
  unacked: number | null;
  messages: number | null;
  consumers: number | null;
  counters: Map<string, QueueCounters>;
}

/** queue_info reports the queue's module (rabbit_quorum_queue); the management API says "quorum". */
function queueTypeName(raw: string | undefined): string | null {
  return raw === undefined ? null : raw.replace(/^rabbit_/, "").replace(/_queue$/, "");
}

const zeroCounters = (): QueueCounters => ({ published: 0, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 });

/**
 * Label values come raw: RabbitMQ 3.10 does not escape them, newer versions may. The queue
 * definitions (management API) hold the exact names, so the raw or the decoded form that names
 * a known queue wins; an unknown queue (declared since the last listing) keeps the raw form.
 */
function resolveName(raw: string, known: (decoded: string) => boolean): string {
  if (known(raw)) return raw;
  const decoded = unescapeLabelValue(raw);
  return decoded !== raw && known(decoded) ? decoded : raw;
}

/**
 * Pure: one /metrics/detailed scrape → queue snapshots (depth, consumers, counters), with the
 * type and consumer capacity taken from the latest management listing.
 */
export function queuesFromPrometheus(text: string, definitions: ReadonlyMap<string, QueueDefinition>): PrometheusQueueScrape {
  const counterMode = counterModeOf(text);
  const counterFields = COUNTERS[counterMode];
  const building = new Map<string, Building>();
  const vhosts = new Set([...definitions.values()].map((d) => d.vhost));
  let missingLabels = 0;
  const depthNames = new Set<string>(Object.values(DEPTH));

  const visit = (sample: PromSample): void => {
    // 3.10's channel_queue_exchange_metrics rows name the queue's vhost `queue_vhost` (and the exchange's
    // `exchange_vhost`); every other family says `vhost` (checked against a real scrape: fixtures/).
    const rawVhost = sample.labels.vhost ?? sample.labels.queue_vhost;
    const rawQueue = sample.labels.queue;
    if (rawVhost === undefined || rawQueue === undefined) {
      missingLabels += 1;
      return;
    }
    const vhost = resolveName(rawVhost, (v) => vhosts.has(v));
    const name = resolveName(rawQueue, (q) => definitions.has(queueKey({ vhost, name: q })));
    const key = queueKey({ vhost, name });
    let queue = building.get(key);
    if (!queue) building.set(key, (queue = { vhost, name, type: null, ready: null, unacked: null, messages: null, consumers: null, counters: new Map() }));
    switch (sample.name) {
      case DEPTH.ready: queue.ready = sample.value; return;
      case DEPTH.unacked: queue.unacked = sample.value; return;
      case DEPTH.messages: queue.messages = sample.value; return;
      case DEPTH.consumers: queue.consumers = sample.value; return;
      case DEPTH.info: queue.type = queueTypeName(sample.labels.queue_type); return;
    }
    const fields = counterFields[sample.name];
    if (!fields || !Number.isFinite(sample.value)) return;
    // Per-channel rows are kept apart (a closed channel's row vanishes: see queue-rates).
    const source = counterMode === "channel" ? (sample.labels.channel ?? "") : "";
    let counters = queue.counters.get(source);
    if (!counters) queue.counters.set(source, (counters = zeroCounters()));
    for (const field of fields) counters[field] = (counters[field] ?? 0) + sample.value;
  };
  const { malformed } = forEachSample(text, visit, (name) => depthNames.has(name) || name in counterFields);

  const queues: QueueSnapshot[] = [];
  for (const [key, q] of building) {
    // Depth is the point of the scrape: a queue without it (e.g. only counter rows of a queue
    // deleted a moment ago) is left out of this poll.
    if (q.ready === null || q.unacked === null) continue;
    const definition = definitions.get(key);
    queues.push({
      vhost: q.vhost,
      name: q.name,
      type: q.type ?? definition?.type ?? "unknown",
      messages: q.messages ?? q.ready + q.unacked,
      messagesReady: q.ready,
      messagesUnacknowledged: q.unacked,
      consumers: q.consumers ?? 0,
      consumerCapacity: definition?.consumerCapacity ?? null,
      counters: counterMode === "none" ? null : q.counters,
    });
  }
  // A listed queue the scrape lacks: the broker keeps no figures for it right now (an idle queue
  // can fall out of its metrics tables until it gets traffic). Listed, with its depth unknown.
  for (const [key, definition] of definitions) {
    const scraped = building.get(key);
    if (scraped && scraped.ready !== null && scraped.unacked !== null) continue;
    queues.push({
      vhost: definition.vhost, name: definition.name, type: definition.type, messages: null, messagesReady: null, messagesUnacknowledged: null,
      consumers: null, consumerCapacity: definition.consumerCapacity, counters: null,
    });
  }
  return { queues, counterMode, malformed: malformed + missingLabels };
}
